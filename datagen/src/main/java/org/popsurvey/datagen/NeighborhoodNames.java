package org.popsurvey.datagen;

import java.util.List;

/**
 * Names for ids 1..N: unique, in ASCII order like the published files, each computable on its
 * own. The base names of {@link NameCatalog} are laid end to end, every one repeated {@code r}
 * times when N needs more names than there are ({@code "Oakwood Heights"}, {@code "Oakwood
 * Heights 02"}, ...: the suffix appears only then). The line of candidates is cut into N equal
 * strides and id i takes a seeded pick from stride i; strides are disjoint and ordered, so names
 * are unique and sorted with no sort and no memory beyond the word lists.
 */
public final class NeighborhoodNames {

    private final long seed;
    private final long count;
    private final List<String> baseNames;
    private final long repeats;
    private final long candidates;
    private final int suffixWidth;

    public NeighborhoodNames(long seed, long count) {
        this(seed, count, NameCatalog.names());
    }

    NeighborhoodNames(long seed, long count, List<String> baseNames) {
        if (count < 1 || count > SyntheticNeighborhoods.MAX_NEIGHBORHOODS) {
            throw new IllegalArgumentException(
                    "Neighbourhood count must be 1.." + SyntheticNeighborhoods.MAX_NEIGHBORHOODS + ", got " + count);
        }
        this.seed = seed;
        this.count = count;
        this.baseNames = baseNames;
        this.repeats = Math.max(1, (count + baseNames.size() - 1) / baseNames.size());
        this.candidates = repeats * baseNames.size();
        this.suffixWidth = Long.toString(repeats).length();
    }

    /** The name of neighbourhood {@code id} (1-based). */
    public String name(long id) {
        if (id < 1 || id > count) {
            throw new IllegalArgumentException("Id " + id + " is outside 1.." + count);
        }
        // candidates <= count + base names, so with count capped these products fit in a long.
        long strideStart = (id - 1) * candidates / count;
        long strideEnd = id * candidates / count;
        long pick = strideStart + Math.floorMod(RandomDraws.mix(seed ^ RandomDraws.mix(id)), strideEnd - strideStart);
        String base = baseNames.get((int) (pick / repeats));
        long variant = pick % repeats;
        if (variant == 0) {
            return base;
        }
        String number = Long.toString(variant + 1);
        return base + ' ' + "0".repeat(suffixWidth - number.length()) + number;
    }
}
