package org.popsurvey.schemas;

import java.util.Optional;

/**
 * The Census Bureau's ACS annotations: the symbols that stand in a cell in place of a number
 * (https://www.census.gov/acs/www/methodology/sample-size-and-data-quality/). This is the one
 * declaration of the vocabulary; the validator, the enricher and datagen read it from here.
 *
 * <p>The Bureau assigns each symbol to a column: {@code -} appears in estimate columns, {@code **},
 * {@code ***} and {@code *****} in margin-of-error columns, {@code N} and {@code (X)} in either.
 * Each module's stance on a symbol outside its column is its own and is said where it decides:
 * the validator holds the streamed row to the Bureau's columns, the enricher reads any symbol in
 * either column of a reference table as "no number" ({@code AcsCell}).
 */
public enum AcsAnnotation {

    /** Estimate column: no or too few sample observations to compute an estimate. */
    NO_ESTIMATE("-", Column.ESTIMATE, MarginOfErrorStatus.NO_SAMPLE),
    /** Margin-of-error column: no or too few sample observations to compute a standard error. */
    NO_SAMPLE_MOE("**", Column.MARGIN_OF_ERROR, MarginOfErrorStatus.NO_SAMPLE),
    /** Margin-of-error column: the median is in the lowest or upper interval of an open-ended distribution. */
    OPEN_ENDED_MEDIAN("***", Column.MARGIN_OF_ERROR, MarginOfErrorStatus.OPEN_ENDED_MEDIAN),
    /** Margin-of-error column: the estimate is controlled; no sampling error applies (a derived MOE counts it as 0). */
    CONTROLLED("*****", Column.MARGIN_OF_ERROR, MarginOfErrorStatus.CONTROLLED),
    /** Either column: cannot be displayed because the number of sample cases is too small. */
    SUPPRESSED("N", Column.EITHER, MarginOfErrorStatus.SUPPRESSED),
    /** Either column: not applicable or not available. */
    NOT_APPLICABLE("(X)", Column.EITHER, MarginOfErrorStatus.NOT_APPLICABLE);

    /** The column of an estimate/margin pair where the Bureau publishes a symbol. */
    public enum Column {
        ESTIMATE,
        MARGIN_OF_ERROR,
        EITHER
    }

    private final String symbol;
    private final Column column;
    private final MarginOfErrorStatus status;

    AcsAnnotation(String symbol, Column column, MarginOfErrorStatus status) {
        this.symbol = symbol;
        this.column = column;
        this.status = status;
    }

    /** The exact text of the cell: case and spelling as the Bureau publishes them. */
    public String symbol() {
        return symbol;
    }

    /** The status a value with this annotation is recorded with ({@code -} and {@code **} both mean no sample). */
    public MarginOfErrorStatus status() {
        return status;
    }

    public boolean publishedInEstimateColumn() {
        return column != Column.MARGIN_OF_ERROR;
    }

    public boolean publishedInMarginOfErrorColumn() {
        return column != Column.ESTIMATE;
    }

    /** The annotation whose symbol is exactly {@code cell}; anything else is not an annotation. */
    public static Optional<AcsAnnotation> of(String cell) {
        for (AcsAnnotation annotation : values()) {
            if (annotation.symbol.equals(cell)) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }
}
