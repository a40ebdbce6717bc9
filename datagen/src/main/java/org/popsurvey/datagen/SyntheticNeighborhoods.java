package org.popsurvey.datagen;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.popsurvey.schemas.SourceFile;

/**
 * Synthetic ACS 2015 neighbourhoods, deterministic per (seed, id): any neighbourhood can be made
 * on its own, in any order, and the four tables agree on it. Only the name depends on the count
 * (names are handed out in sorted order over 1..count); every number depends on (seed, id) only.
 *
 * <pre>{@code
 * SyntheticNeighborhoods data = new SyntheticNeighborhoods(42, 1_000_000);
 * Neighborhood n = data.neighborhood(17);
 * List<String> cells = data.cells(SourceFile.TOTAL_POPULATION, 17); // [name, "17", "4060.0", "458.026200123"]
 * }</pre>
 */
public final class SyntheticNeighborhoods {

    public static final long DEFAULT_SEED = 42;
    /** The published files have 91 rows. */
    public static final long DEFAULT_COUNT = 91;
    /** Keeps the name arithmetic in a long. */
    public static final long MAX_NEIGHBORHOODS = 100_000_000;

    private final long seed;
    private final long count;
    private final NeighborhoodNames names;
    private final HealthCoverageModel healthModel = new HealthCoverageModel(HealthCoverageLayout.published());

    public SyntheticNeighborhoods(long seed, long count) {
        this.seed = seed;
        this.count = count;
        this.names = new NeighborhoodNames(seed, count);
    }

    public long seed() {
        return seed;
    }

    public long count() {
        return count;
    }

    /** Neighbourhood {@code id}, 1..count. Health and household parts are made on first use. */
    public Neighborhood neighborhood(long id) {
        String name = names.name(id);
        RandomDraws core = new RandomDraws(seed, id, RandomDraws.Part.CORE);
        PopulationKind kind = PopulationKind.draw(core);
        Tracts tracts = kind.tracts(core);
        Measure population = kind.count(
                tracts.population(),
                PopulationKind.POPULATION_MARGIN_FACTOR,
                new MarginOfErrorModel(tracts.shares(), core),
                core);
        return new Neighborhood(
                id,
                name,
                tracts.count(),
                population,
                () -> health(id, kind, tracts, population),
                () -> households(id, kind, tracts, population));
    }

    private HealthCoverage health(long id, PopulationKind kind, Tracts tracts, Measure population) {
        RandomDraws random = new RandomDraws(seed, id, RandomDraws.Part.HEALTH);
        MarginOfErrorModel margins = new MarginOfErrorModel(tracts.shares(), random);
        return healthModel.generate(kind.healthTotal(population, margins, random), random, margins);
    }

    private Households households(long id, PopulationKind kind, Tracts tracts, Measure population) {
        RandomDraws random = new RandomDraws(seed, id, RandomDraws.Part.HOUSEHOLDS);
        return Households.draw(kind, population, new MarginOfErrorModel(tracts.shares(), random), random);
    }

    /** The cells of neighbourhood {@code id}'s row in {@code file}, as written to the CSV. */
    public List<String> cells(SourceFile file, long id) {
        return RowFormatter.of(file).cells(neighborhood(id));
    }

    /** Neighbourhoods 1..count, made lazily in order. */
    public Stream<Neighborhood> stream() {
        return LongStream.rangeClosed(1, count).mapToObj(this::neighborhood);
    }
}
