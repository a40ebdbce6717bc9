package org.popsurvey.validator.rules;

/** Whitespace handling shared by the cell rules. */
final class Cells {

    private Cells() {}

    /**
     * Strips every kind of space, including the no-break space U+00A0 that {@link String#strip()}
     * keeps: a spreadsheet export pads with it as readily as with ' '.
     */
    static String stripAllSpace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
