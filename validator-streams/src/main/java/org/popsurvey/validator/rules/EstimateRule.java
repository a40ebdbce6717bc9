package org.popsurvey.validator.rules;

import java.util.Optional;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.schemas.AcsAnnotation;

/**
 * The estimate is a non-negative whole number: {@code 1411} and the published {@code 2558.0} are
 * accepted; fractions, negatives, non-numbers, the ACS no-estimate annotations ({@code -},
 * {@code N}, {@code (X)}) and values above {@link #MAX_ESTIMATE} are refused. Every applicable
 * code is reported: {@code -2.5} is both negative and not whole.
 */
final class EstimateRule {

    /**
     * More people than live on Earth: such a total can only be an error. It also keeps the sum of a
     * million rows far inside a long for the enricher.
     */
    static final long MAX_ESTIMATE = 10_000_000_000L;

    /** The estimate if it passes, else null. */
    Long check(String cell, Violations violations) {
        if (cell == null) {
            return null;
        }
        int before = violations.size();
        String stripped = Cells.stripAllSpace(cell);
        if (stripped.isEmpty()) {
            violations.add(ErrorCode.ESTIMATE_MISSING, cell, cell.isEmpty() ? "is empty" : "is only whitespace");
            return null;
        }
        if (!stripped.equals(cell)) {
            violations.add(ErrorCode.ESTIMATE_PADDED, cell, "has leading or trailing whitespace");
        }
        Optional<AcsAnnotation> annotation = AcsAnnotation.of(stripped);
        if (annotation.isPresent() && rejectAnnotation(annotation.get(), cell, violations)) {
            return null;
        }
        DecimalText.Parsed parsed = DecimalText.parse(stripped);
        if (!parsed.isNumber()) {
            violations.add(ErrorCode.ESTIMATE_NOT_A_NUMBER, cell, parsed.problem());
            return null;
        }
        if (parsed.negative()) {
            violations.add(ErrorCode.ESTIMATE_NEGATIVE, cell, "a population cannot be negative");
        }
        if (parsed.hasFraction()) {
            violations.add(
                    ErrorCode.ESTIMATE_NOT_WHOLE,
                    cell,
                    "a population is a whole number (a trailing .0 is fine, as in 2558.0)");
        }
        if (parsed.isAbove(MAX_ESTIMATE)) {
            violations.add(
                    ErrorCode.ESTIMATE_OUT_OF_RANGE,
                    cell,
                    "is above " + MAX_ESTIMATE + ", more people than live on Earth");
        }
        return violations.size() == before ? parsed.integerPart() : null;
    }

    /** Rejects the annotations that stand for "no estimate"; the star annotations fall through to the number check. */
    private static boolean rejectAnnotation(AcsAnnotation annotation, String cell, Violations violations) {
        switch (annotation) {
            case NO_ESTIMATE ->
                violations.add(
                        ErrorCode.ESTIMATE_NO_SAMPLE,
                        cell,
                        "ACS '-': no or too few sample observations to compute an estimate");
            case SUPPRESSED ->
                violations.add(
                        ErrorCode.ESTIMATE_SUPPRESSED,
                        cell,
                        "ACS 'N': not displayed because the number of sample cases is too small");
            case NOT_APPLICABLE ->
                violations.add(
                        ErrorCode.ESTIMATE_NOT_APPLICABLE,
                        cell,
                        "ACS '(X)': the estimate is not applicable or not available");
            default -> {
                return false;
            }
        }
        return true;
    }
}
