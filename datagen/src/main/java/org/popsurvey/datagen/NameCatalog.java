package org.popsurvey.datagen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every base name, "First" or "First Second", in ASCII order, built from two word lists. First
 * words hold no space, and a space sorts before every letter and punctuation mark used, so
 * listing (first, second) pairs in order gives names in ASCII order ("Oak", "Oak Hill",
 * "Oakwood"). That lets {@link NeighborhoodNames} hand out sorted names by id without sorting
 * anything. {@link #build} checks the order, so a word list edit cannot break it silently.
 */
final class NameCatalog {

    static final String FIRST_WORDS = "names/first-words.txt";
    static final String SECOND_WORDS = "names/second-words.txt";
    /** Marks a first word that needs a second one ("Mt." alone is not a name). */
    static final String QUALIFIER_MARK = " *";

    private static final Set<String> DIRECTIONS = Set.of("East", "North", "South", "West");

    private static final List<String> NAMES = build(readWords(FIRST_WORDS), readWords(SECOND_WORDS));

    private NameCatalog() {}

    /** The base names, sorted, unique. */
    static List<String> names() {
        return NAMES;
    }

    static List<String> build(List<String> firstWords, List<String> secondWords) {
        TreeSet<String> seconds = new TreeSet<>(secondWords);
        TreeSet<String> firsts = new TreeSet<>();
        Set<String> qualifiers = new TreeSet<>();
        for (String word : firstWords) {
            String first =
                    word.endsWith(QUALIFIER_MARK) ? word.substring(0, word.length() - QUALIFIER_MARK.length()) : word;
            if (first.isEmpty() || first.chars().anyMatch(c -> c <= ' ' || c > '~' || c == ',')) {
                throw new IllegalStateException(
                        "First words must be one printable ASCII token without comma: '" + word + "'");
            }
            firsts.add(first);
            if (!first.equals(word)) {
                qualifiers.add(first);
            }
        }
        List<String> names = new ArrayList<>(firsts.size() * seconds.size());
        for (String first : firsts) {
            for (String second : seconds) {
                if (fits(first, second, qualifiers.contains(first))) {
                    names.add(second.isEmpty() ? first : first + ' ' + second);
                }
            }
        }
        for (int i = 1; i < names.size(); i++) {
            if (names.get(i - 1).compareTo(names.get(i)) >= 0) {
                throw new IllegalStateException("Word lists do not give names in order: '" + names.get(i - 1)
                        + "' before '" + names.get(i) + "'");
            }
        }
        return List.copyOf(names);
    }

    private static boolean fits(String first, String second, boolean qualifier) {
        if (second.isEmpty()) {
            return !qualifier;
        }
        if (qualifier && DIRECTIONS.contains(second)) {
            return false; // "North West"
        }
        // "Fairview View", "Westwood West"
        return !first.toLowerCase(Locale.ROOT).contains(second.toLowerCase(Locale.ROOT));
    }

    private static List<String> readWords(String resource) {
        try (InputStream in = NameCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing word list resource " + resource);
            }
            List<String> words = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#")) {
                    words.add(line.strip());
                }
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read word list " + resource, e);
        }
    }
}
