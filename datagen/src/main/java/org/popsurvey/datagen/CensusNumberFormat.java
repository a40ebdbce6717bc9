package org.popsurvey.datagen;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The number spellings found in the published files (see SOURCES.md).
 *
 * <ul>
 *   <li>Single-tract rows: plain integers ({@code 1411}, MOE {@code 196}).</li>
 *   <li>Multi-tract rows: Python 2 {@code str(float)}, i.e. {@code %.12g} plus {@code .0} when no
 *       point is left ({@code 2558.0}, {@code 449.773276218}, {@code 20.0}).</li>
 *   <li>Aggregate income MOE of multi-tract rows: an Excel "General" round-trip, at most 11
 *       characters, trailing zeros dropped ({@code 7490207.043}, {@code 17631530.8},
 *       {@code 16007126}).</li>
 * </ul>
 */
public final class CensusNumberFormat {

    /** Python 2's {@code str(float)} keeps 12 significant digits. */
    static final int PYTHON_STR_DIGITS = 12;
    /** Excel's General format fits a number in 11 characters. */
    static final int EXCEL_GENERAL_WIDTH = 11;
    /** The published aggregate-income MOEs never have more than 3 decimals. */
    static final int EXCEL_MAX_DECIMALS = 3;

    private static final MathContext TWELVE_DIGITS = new MathContext(PYTHON_STR_DIGITS, RoundingMode.HALF_EVEN);
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private CensusNumberFormat() {}

    /** A single-tract cell: {@code 1411}. */
    public static String integer(long value) {
        return Long.toString(value);
    }

    /** A multi-tract estimate, a whole number written as a float: {@code 2558.0}. */
    public static String floatEstimate(long value) {
        return value + ".0";
    }

    /**
     * Python 2 {@code str(x)} for 1e-4 &lt;= x &lt; 1e12 (no exponent form in that range). A fast
     * path scales to 12 significant digits in a long; when the scaled value is too close to a
     * rounding tie for a double to decide, the exact {@link BigDecimal} path answers instead.
     */
    public static String pythonFloat(double value) {
        if (!(value >= 1e-4 && value < 1e12)) {
            throw new IllegalArgumentException("Outside the range written without an exponent: " + value);
        }
        int exponent = (int) StrictMath.floor(StrictMath.log10(value));
        int decimals = PYTHON_STR_DIGITS - 1 - exponent;
        double scaled = decimals >= 0 ? value * POWERS_OF_TEN[decimals] : value / POWERS_OF_TEN[-decimals];
        double fraction = scaled - StrictMath.floor(scaled);
        if (decimals < 0 || decimals >= POWERS_OF_TEN.length || Math.abs(fraction - 0.5) < 1e-3) {
            return pythonFloatExact(value);
        }
        long digits = Math.round(scaled);
        if (digits >= POWERS_OF_TEN[PYTHON_STR_DIGITS] || digits < POWERS_OF_TEN[PYTHON_STR_DIGITS - 1]) {
            return pythonFloatExact(value); // log10 landed on the wrong side of a power of ten
        }
        return withPoint(digits, decimals);
    }

    /** The reference implementation of {@link #pythonFloat}: exact decimal expansion, half-even. */
    static String pythonFloatExact(double value) {
        BigDecimal rounded = new BigDecimal(value).round(TWELVE_DIGITS).stripTrailingZeros();
        String text = rounded.toPlainString();
        return text.indexOf('.') >= 0 ? text : text + ".0";
    }

    /**
     * Excel "General" in an 11-character cell, capped at 3 decimals like every published value:
     * {@code 7490207.043}, {@code 25839798.58}, {@code 17631530.8}, {@code 16007126}.
     */
    public static String excelGeneral(double value) {
        if (!(value >= 0 && value < 1e11)) {
            throw new IllegalArgumentException("Outside the range Excel shows in 11 characters: " + value);
        }
        int integerDigits = value < 1 ? 1 : (int) StrictMath.floor(StrictMath.log10(value)) + 1;
        int decimals = Math.max(0, Math.min(EXCEL_MAX_DECIMALS, EXCEL_GENERAL_WIDTH - 1 - integerDigits));
        BigDecimal rounded =
                new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() <= 0 ? rounded.toBigInteger().toString() : rounded.toPlainString();
    }

    /** Writes {@code digits / 10^decimals} with trailing fractional zeros dropped, keeping one. */
    private static String withPoint(long digits, int decimals) {
        while (decimals > 0 && digits % 10 == 0) {
            digits /= 10;
            decimals--;
        }
        if (decimals == 0) {
            return digits + ".0";
        }
        String text = Long.toString(digits);
        if (text.length() <= decimals) {
            text = "0".repeat(decimals - text.length() + 1) + text;
        }
        int point = text.length() - decimals;
        return text.substring(0, point) + '.' + text.substring(point);
    }
}
