package org.popsurvey.validator.rules;

import java.util.regex.Pattern;

/**
 * The one number spelling the validator accepts, and a precise reason for everything else.
 *
 * <p>Accepted: ASCII digits, optionally a minus sign, optionally a point followed by digits
 * ({@code 1411}, {@code 2558.0}, {@code 449.773276218}, {@code -5}). That is every number in the
 * published files (Python's {@code str(float)} never uses an exponent below 1e16, far above any
 * population). Refused, each with its own explanation: NaN and infinities, exponent form,
 * hexadecimal, thousands separators, an explicit '+', a point without digits on both sides,
 * non-ASCII digits, open-ended medians ({@code 250000+}) and margin-of-error annotations.
 * Sign, fraction and range are judged by the caller, which knows the column.
 */
final class DecimalText {

    /** More significant integer digits than this cannot be in range (a long holds 18 safely). */
    static final int MAX_INTEGER_DIGITS = 18;

    private static final Pattern INFINITY = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAN = Pattern.compile("[+-]?nan", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX][0-9a-fA-F]+(\\.[0-9a-fA-F]*)?([pP][+-]?[0-9]+)?");
    private static final Pattern EXPONENT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE][+-]?[0-9]+");
    private static final Pattern THOUSANDS = Pattern.compile("-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?");
    private static final Pattern PLUS = Pattern.compile("\\+[0-9]+(\\.[0-9]+)?");
    private static final Pattern BARE_POINT = Pattern.compile("-?([0-9]+\\.|\\.[0-9]+)");
    private static final Pattern OPEN_ENDED = Pattern.compile("[0-9][0-9,.]*[+-]");
    private static final Pattern STARS = Pattern.compile("\\*+");

    /**
     * A cell's number, or why it is not one ({@code problem} set). The integer part is kept as a
     * long ({@link Long#MAX_VALUE} when it has more digits than any valid value), the fraction
     * only as whether it is non-zero; {@code text} is the cell, for an exact double.
     */
    record Parsed(boolean negative, long integerPart, boolean hasFraction, String text, String problem) {

        boolean isNumber() {
            return problem == null;
        }

        /** Whether the magnitude is above {@code limit}. */
        boolean isAbove(long limit) {
            return integerPart > limit || (integerPart == limit && hasFraction);
        }

        /** The magnitude as the nearest double (correctly rounded, as BigDecimal would). */
        double magnitude() {
            return Double.parseDouble(negative ? text.substring(1) : text);
        }
    }

    private DecimalText() {}

    /**
     * Parses a cell already stripped of surrounding space. The accepted form is checked by hand
     * (this runs for every record); the patterns below only explain a refusal.
     */
    static Parsed parse(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = length > 0 && text.charAt(0) == '-';
        if (negative) {
            i++;
        }
        int integerStart = i;
        long integerPart = 0;
        int significant = 0;
        while (i < length && isAsciiDigit(text.charAt(i))) {
            int digit = text.charAt(i) - '0';
            if (significant > 0 || digit != 0) {
                significant++;
            }
            integerPart = significant > MAX_INTEGER_DIGITS ? Long.MAX_VALUE : integerPart * 10 + digit;
            i++;
        }
        boolean hasIntegerDigits = i > integerStart;
        boolean hasFraction = false;
        boolean plain = hasIntegerDigits;
        if (plain && i < length) {
            plain = text.charAt(i) == '.' && i + 1 < length;
            for (i++; plain && i < length; i++) {
                char c = text.charAt(i);
                plain = isAsciiDigit(c);
                hasFraction |= c != '0';
            }
        }
        return plain
                ? new Parsed(negative, integerPart, hasFraction, text, null)
                : new Parsed(negative, 0, false, text, whyNotANumber(text));
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String whyNotANumber(String text) {
        if (NAN.matcher(text).matches()) {
            return "NaN is not a number";
        }
        if (INFINITY.matcher(text).matches()) {
            return "an infinity is not a number";
        }
        if (HEX.matcher(text).matches()) {
            return "hexadecimal notation is not accepted";
        }
        if (EXPONENT.matcher(text).matches()) {
            return "exponent notation is not accepted (the published files never use it); write the digits out";
        }
        if (THOUSANDS.matcher(text).matches()) {
            return "thousands separators are not accepted; write " + text.replace(",", "");
        }
        if (PLUS.matcher(text).matches()) {
            return "an explicit '+' sign is not accepted; write " + text.substring(1);
        }
        if (BARE_POINT.matcher(text).matches()) {
            return "a decimal point needs digits on both sides";
        }
        if (OPEN_ENDED.matcher(text).matches()) {
            return "an open-ended median (ACS '+'/'-' suffix) is not a plain number";
        }
        if (STARS.matcher(text).matches()) {
            return text.length() >= 2 && text.length() != 4 && text.length() <= 5
                    ? "'" + text + "' is an ACS annotation that belongs in the margin-of-error column"
                    : "'" + text + "' is not an ACS annotation";
        }
        if (text.codePoints().anyMatch(cp -> Character.isDigit(cp) && (cp < '0' || cp > '9'))) {
            return "only ASCII digits 0-9 are accepted";
        }
        return "not a number";
    }
}
