package org.popsurvey.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.popsurvey.cli.CommandFailedException;

/** Finds a neighborhood by name: exact, then ignoring case; otherwise an error listing close matches. */
final class NeighborhoodNames {

    private static final int MAX_SUGGESTIONS = 5;
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private final List<String> names;

    NeighborhoodNames(List<String> names) {
        this.names = names;
    }

    String resolve(String given) {
        if (names.contains(given)) {
            return given;
        }
        List<String> sameIgnoringCase =
                names.stream().filter(name -> name.equalsIgnoreCase(given)).toList();
        if (sameIgnoringCase.size() == 1) {
            return sameIgnoringCase.get(0);
        }
        List<String> close = closeMatches(given);
        throw new CommandFailedException("Unknown neighborhood '" + given + "' (" + names.size() + " in the output); "
                + (close.isEmpty() ? "no close match" : "close matches: " + String.join(", ", close)));
    }

    /** Names containing the text (any case) first, then the nearest by edit distance, up to 5. */
    List<String> closeMatches(String given) {
        String lower = given.toLowerCase(Locale.ROOT);
        int limit = Math.max(3, given.length() / 3);
        return names.stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).contains(lower)
                        || lower.contains(name.toLowerCase(Locale.ROOT))
                        || distance(name, lower) <= limit)
                .sorted(Comparator.comparingInt(
                                (String name) -> name.toLowerCase(Locale.ROOT).contains(lower) ? 0 : 1)
                        .thenComparingInt(name -> distance(name, lower))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    private static int distance(String name, String lower) {
        return DISTANCE.apply(name.toLowerCase(Locale.ROOT), lower);
    }
}
