package org.popsurvey.validator.rules;

import java.util.Optional;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.schemas.AcsAnnotation;
import org.popsurvey.schemas.MarginOfErrorStatus;

/**
 * The margin of error is a non-negative number ({@code 196}, {@code 449.773276218}) or one of the
 * ACS margin-of-error annotations, which a valid record keeps as its status: {@code **}
 * NO_SAMPLE, {@code ***} OPEN_ENDED_MEDIAN, {@code *****} CONTROLLED, {@code N} SUPPRESSED,
 * {@code (X)} NOT_APPLICABLE. The estimate annotation {@code -} is not valid here.
 */
final class MarginOfErrorRule {

    /** Same bound as the estimate: a larger margin can only be an error. */
    static final long MAX_MARGIN = EstimateRule.MAX_ESTIMATE;

    /** A margin of error cell's meaning: its status, and the number when MEASURED. */
    record MarginOfError(MarginOfErrorStatus status, Double value) {}

    /** The margin if it passes, else null. */
    MarginOfError check(String cell, Violations violations) {
        if (cell == null) {
            return null;
        }
        int before = violations.size();
        String stripped = Cells.stripAllSpace(cell);
        if (stripped.isEmpty()) {
            violations.add(ErrorCode.MOE_MISSING, cell, cell.isEmpty() ? "is empty" : "is only whitespace");
            return null;
        }
        if (!stripped.equals(cell)) {
            violations.add(ErrorCode.MOE_PADDED, cell, "has leading or trailing whitespace");
        }
        Optional<AcsAnnotation> annotation = AcsAnnotation.of(stripped);
        if (annotation.isPresent()) {
            // The streamed row is held to the Bureau's columns: '-' belongs to the estimate.
            if (!annotation.get().publishedInMarginOfErrorColumn()) {
                violations.add(
                        ErrorCode.MOE_NOT_A_NUMBER,
                        cell,
                        "'-' is the ACS estimate annotation; a margin of error without sample is written '**'");
                return null;
            }
            return violations.size() == before
                    ? new MarginOfError(annotation.get().status(), null)
                    : null;
        }
        DecimalText.Parsed parsed = DecimalText.parse(stripped);
        if (!parsed.isNumber()) {
            violations.add(
                    ErrorCode.MOE_NOT_A_NUMBER,
                    cell,
                    parsed.problem() + " (accepted: a number, or one of the ACS annotations **, ***, *****, N, (X))");
            return null;
        }
        if (parsed.negative()) {
            violations.add(ErrorCode.MOE_NEGATIVE, cell, "a margin of error cannot be negative");
        }
        if (parsed.isAbove(MAX_MARGIN)) {
            violations.add(ErrorCode.MOE_OUT_OF_RANGE, cell, "is above " + MAX_MARGIN);
        }
        return violations.size() == before ? new MarginOfError(MarginOfErrorStatus.MEASURED, parsed.magnitude()) : null;
    }
}
