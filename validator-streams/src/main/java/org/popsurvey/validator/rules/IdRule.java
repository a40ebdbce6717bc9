package org.popsurvey.validator.rules;

import org.popsurvey.deadletter.ErrorCode;

/**
 * {@code ID_EMPTY}, {@code ID_PADDED}, {@code ID_NOT_A_POSITIVE_INTEGER}, {@code ID_NOT_CANONICAL},
 * {@code ID_OUT_OF_RANGE}. The Id is a positive int written in plain digits without leading zeros:
 * it is also the record key, and "7" and "007" would otherwise be one Id on two partitions.
 */
final class IdRule {

    /** The Id if it passes, else null. */
    Integer check(String cell, Violations violations) {
        if (cell == null) {
            return null;
        }
        int before = violations.size();
        String stripped = Cells.stripAllSpace(cell);
        if (stripped.isEmpty()) {
            violations.add(ErrorCode.ID_EMPTY, cell, cell.isEmpty() ? "is empty" : "is only whitespace");
            return null;
        }
        if (!stripped.equals(cell)) {
            violations.add(ErrorCode.ID_PADDED, cell, "has leading or trailing whitespace");
        }
        boolean plus = stripped.charAt(0) == '+';
        int firstDigit = plus ? 1 : 0;
        if (!allAsciiDigits(stripped, firstDigit)) {
            violations.add(ErrorCode.ID_NOT_A_POSITIVE_INTEGER, cell, whyNotPositiveInteger(stripped));
            return null;
        }
        int significantStart = firstDigit;
        while (significantStart < stripped.length() && stripped.charAt(significantStart) == '0') {
            significantStart++;
        }
        String significant = stripped.substring(significantStart);
        if (significant.isEmpty()) {
            violations.add(ErrorCode.ID_NOT_A_POSITIVE_INTEGER, cell, "zero is not a positive Id");
            return null;
        }
        if (significantStart > 0) {
            violations.add(
                    ErrorCode.ID_NOT_CANONICAL,
                    cell,
                    "write it as " + significant + ", without leading zeros or '+' (the Id text is the record key)");
        }
        if (significant.length() > 10 || Long.parseLong(significant) > Integer.MAX_VALUE) {
            violations.add(ErrorCode.ID_OUT_OF_RANGE, cell, "is larger than 2147483647");
            return null;
        }
        return violations.size() == before ? Integer.valueOf(significant) : null;
    }

    private static boolean allAsciiDigits(String text, int from) {
        if (from >= text.length()) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String whyNotPositiveInteger(String stripped) {
        if (stripped.startsWith("-")) {
            return "is negative";
        }
        if (stripped.matches("[0-9]+\\.[0-9]+")) {
            return "is written as a decimal; an Id is a whole number in plain digits";
        }
        return "is not a whole number in plain digits";
    }
}
