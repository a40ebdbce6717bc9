package org.popsurvey.enricher.reference;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.popsurvey.schemas.AcsAnnotation;
import org.popsurvey.schemas.MarginOfErrorStatus;

/**
 * One parsed cell of an ACS reference table: a number, or one of the Census Bureau's annotations
 * ({@link AcsAnnotation}), which becomes a null value plus its status. {@code *****} (controlled:
 * no sampling error) as a margin of error counts as 0, the Bureau's guidance for derived MOEs.
 *
 * <p>Where this module differs from the validator: a reference table is read, not judged, so any
 * annotation is accepted in either column of a pair (the Bureau prints {@code -} in estimate
 * columns and {@code **} in margin columns; both mean "no number here" to a join). The validator
 * holds the streamed row to the Bureau's columns.
 *
 * <p>Anything else that is not a number is a {@link ReferenceDataException}: a reference file with a
 * corrupt cell is not silently half-used.
 */
public record AcsCell(Double value, MarginOfErrorStatus status) {

    /** Spellings of NaN and infinity that Java, Python or spreadsheets write. */
    private static final java.util.regex.Pattern NON_FINITE =
            java.util.regex.Pattern.compile("(?i)[+-]?(nan|inf|infinity|\u221E)");

    /** The symbols, for messages: {@code [-, **, ***, *****, N, (X)]}. */
    private static final List<String> SYMBOLS =
            Arrays.stream(AcsAnnotation.values()).map(AcsAnnotation::symbol).toList();

    /** Why a cell is not a usable number, for {@link ReferenceDataException} messages. */
    public static final class InvalidCellException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidCellException(String message) {
            super(message);
        }
    }

    /**
     * An estimate cell: a non-negative whole number ({@code 2558} or {@code 2558.0}), or an
     * annotation (null value).
     */
    public static AcsCell estimate(String text) {
        String cell = text == null ? "" : text.strip();
        long whole = plainWholeNumber(cell);
        if (whole >= 0) {
            return new AcsCell((double) whole, MarginOfErrorStatus.MEASURED);
        }
        MarginOfErrorStatus annotation = annotationStatus(cell);
        if (annotation != null) {
            return new AcsCell(null, annotation);
        }
        BigDecimal number = parse(cell, "estimate");
        try {
            return new AcsCell((double) number.longValueExact(), MarginOfErrorStatus.MEASURED);
        } catch (ArithmeticException e) {
            if (number.stripTrailingZeros().scale() <= 0) {
                throw new InvalidCellException("'" + cell + "' is out of range: estimates here are counts or dollars");
            }
            throw new InvalidCellException(
                    "'" + cell + "' is not a whole number, and estimates here are counts or dollars");
        }
    }

    /** A margin-of-error cell: a non-negative number, or an annotation ({@code *****} counts as 0). */
    public static AcsCell marginOfError(String text) {
        String cell = text == null ? "" : text.strip();
        if (isPlainDecimal(cell)) {
            // Both parses round the same decimal value correctly, so they give the same double.
            return new AcsCell(finite(cell, Double.parseDouble(cell)), MarginOfErrorStatus.MEASURED);
        }
        MarginOfErrorStatus annotation = annotationStatus(cell);
        if (annotation == MarginOfErrorStatus.CONTROLLED) {
            return new AcsCell(0.0, annotation);
        }
        if (annotation != null) {
            return new AcsCell(null, annotation);
        }
        return new AcsCell(finite(cell, parse(cell, "margin of error").doubleValue()), MarginOfErrorStatus.MEASURED);
    }

    /** {@code value}, unless the text was too large for a double (1e400 or 400 digits: infinity). */
    private static double finite(String cell, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidCellException("'" + start(cell) + "' is out of range (not a finite number)");
        }
        return value;
    }

    private static String start(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 40) + "... (" + cell.length() + " characters)";
    }

    /** The status of an annotation cell, whichever column it is in; null for anything else. */
    private static MarginOfErrorStatus annotationStatus(String cell) {
        return AcsAnnotation.of(cell).map(AcsAnnotation::status).orElse(null);
    }

    public Long longValue() {
        return value == null ? null : value.longValue();
    }

    public boolean isMeasured() {
        return status == MarginOfErrorStatus.MEASURED;
    }

    /*
     * Fast paths for the forms that fill the published tables ("2558", "2558.0", "449.773276218"):
     * a 134-column table of 100,000 neighborhoods has millions of cells, and BigDecimal costs
     * several times more per cell. Anything else (signs, exponents, annotations, errors) takes the
     * general path, so the accepted values and the messages are the same either way.
     */

    /** {@code digits} or {@code digits.zeros} of at most 18 digits as a long, else -1. */
    private static long plainWholeNumber(String cell) {
        int length = cell.length();
        int dot = cell.indexOf('.');
        int end = dot < 0 ? length : dot;
        if (end == 0 || end > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < end; i++) {
            char c = cell.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        if (dot >= 0) {
            if (dot == length - 1) {
                return -1;
            }
            for (int i = dot + 1; i < length; i++) {
                if (cell.charAt(i) != '0') {
                    return -1;
                }
            }
        }
        return value;
    }

    /** {@code digits} or {@code digits.digits}: no sign, no exponent, nothing Double.parseDouble alone accepts. */
    private static boolean isPlainDecimal(String cell) {
        int length = cell.length();
        int dot = -1;
        for (int i = 0; i < length; i++) {
            char c = cell.charAt(i);
            if (c == '.' && dot < 0) {
                dot = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return length > 0 && dot != 0 && dot != length - 1;
    }

    private static BigDecimal parse(String cell, String what) {
        if (cell.isEmpty()) {
            throw new InvalidCellException("the " + what + " cell is empty");
        }
        BigDecimal number;
        if (NON_FINITE.matcher(cell).matches()) {
            throw new InvalidCellException("'" + cell + "' is not a finite number; an ACS " + what + " always is");
        }
        try {
            number = new BigDecimal(cell);
        } catch (NumberFormatException e) {
            throw new InvalidCellException("'" + cell + "' is neither a number nor an ACS annotation " + SYMBOLS);
        }
        if (number.signum() < 0) {
            throw new InvalidCellException("'" + cell + "' is negative; an ACS " + what + " never is");
        }
        return number;
    }
}
