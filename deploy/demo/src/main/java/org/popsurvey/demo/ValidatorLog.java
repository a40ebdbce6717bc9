package org.popsurvey.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validator's periodic counts line ({@code Counts: processed=.. absorbed-resends=N ..}), for the
 * one count no topic shows: identical re-sends, which the validator absorbs without emitting.
 */
final class ValidatorLog {

    private static final Pattern ABSORBED = Pattern.compile("absorbed-resends=(\\d+)");

    private ValidatorLog() {}

    /** The latest absorbed-re-send count the log reports, 0 before the first counts line. */
    static long absorbedResends(Path log) {
        try {
            Matcher matcher = ABSORBED.matcher(Files.readString(log));
            long latest = 0;
            while (matcher.find()) {
                latest = Long.parseLong(matcher.group(1));
            }
            return latest;
        } catch (IOException e) {
            return 0;
        }
    }
}
