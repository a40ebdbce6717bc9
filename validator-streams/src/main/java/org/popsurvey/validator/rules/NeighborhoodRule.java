package org.popsurvey.validator.rules;

import org.popsurvey.deadletter.CellText;
import org.popsurvey.deadletter.ErrorCode;

/**
 * {@code NEIGHBORHOOD_EMPTY}, {@code _PADDED}, {@code _NOT_PRINTABLE}, {@code _TOO_LONG}. Names of
 * any script are accepted ("Señor Heights"); what is refused is what a person cannot see or a
 * join cannot match. Length counts characters (code points), not bytes.
 */
final class NeighborhoodRule {

    private static final int REPLACEMENT_CHARACTER = 0xFFFD;

    private final int maxLength;

    NeighborhoodRule(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The name if it passes, else null. */
    String check(String cell, Violations violations) {
        if (cell == null) {
            return null;
        }
        int before = violations.size();
        String stripped = Cells.stripAllSpace(cell);
        if (stripped.isEmpty()) {
            violations.add(ErrorCode.NEIGHBORHOOD_EMPTY, cell, cell.isEmpty() ? "is empty" : "is only whitespace");
            return null;
        }
        if (!stripped.equals(cell)) {
            violations.add(
                    ErrorCode.NEIGHBORHOOD_PADDED,
                    cell,
                    "has leading or trailing whitespace; published names never do");
        }
        String unprintable = firstUnprintable(cell);
        if (unprintable != null) {
            violations.add(ErrorCode.NEIGHBORHOOD_NOT_PRINTABLE, cell, unprintable);
        }
        int length = cell.codePointCount(0, cell.length());
        if (length > maxLength) {
            violations.add(
                    ErrorCode.NEIGHBORHOOD_TOO_LONG,
                    cell,
                    "has " + length + " characters, more than the limit of " + maxLength
                            + " (--max-neighborhood-length)");
        }
        return violations.size() == before ? cell : null;
    }

    private static String firstUnprintable(String cell) {
        for (int i = 0, position = 1; i < cell.length(); position++) {
            int cp = cell.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == REPLACEMENT_CHARACTER) {
                return "character " + position + " is U+FFFD, the replacement character: the text was decoded with "
                        + "the wrong encoding somewhere upstream";
            }
            if (!CellText.isPrintable(cp)) {
                return String.format(
                        "character %d is U+%04X (%s), which is not printable",
                        position, cp, Character.getName(cp) == null ? "unassigned" : Character.getName(cp));
            }
        }
        return null;
    }
}
