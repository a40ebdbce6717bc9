package org.popsurvey.validator.rules;

import java.util.Optional;

import org.popsurvey.schemas.MarginOfErrorStatus;

/**
 * The Census Bureau's ACS annotation values, which stand in a cell in place of a number
 * (https://www.census.gov/data/developers/notes-on-data-profiles.html). Case and spelling are
 * exact: the Bureau publishes them this way, and anything else is not an annotation.
 */
enum AcsAnnotation {

    /** Estimate column: no or too few sample observations to compute an estimate. */
    NO_ESTIMATE("-", null),
    /** Margin-of-error column: no or too few sample observations to compute a standard error. */
    NO_SAMPLE_MOE("**", MarginOfErrorStatus.NO_SAMPLE),
    /** Margin-of-error column: the median is in the lowest or upper interval of an open-ended distribution. */
    OPEN_ENDED_MEDIAN("***", MarginOfErrorStatus.OPEN_ENDED_MEDIAN),
    /** Margin-of-error column: the estimate is controlled; no sampling-variability test applies. */
    CONTROLLED("*****", MarginOfErrorStatus.CONTROLLED),
    /** Either column: cannot be displayed because the number of sample cases is too small. */
    SUPPRESSED("N", MarginOfErrorStatus.SUPPRESSED),
    /** Either column: not applicable or not available. */
    NOT_APPLICABLE("(X)", MarginOfErrorStatus.NOT_APPLICABLE);

    private final String symbol;
    private final MarginOfErrorStatus marginOfErrorStatus;

    AcsAnnotation(String symbol, MarginOfErrorStatus marginOfErrorStatus) {
        this.symbol = symbol;
        this.marginOfErrorStatus = marginOfErrorStatus;
    }

    String symbol() {
        return symbol;
    }

    /** The status a margin-of-error cell with this annotation gets; empty if it is not a MOE annotation. */
    Optional<MarginOfErrorStatus> marginOfErrorStatus() {
        return Optional.ofNullable(marginOfErrorStatus);
    }

    static Optional<AcsAnnotation> of(String cell) {
        for (AcsAnnotation annotation : values()) {
            if (annotation.symbol.equals(cell)) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }
}
