package org.popsurvey.datagen;

/**
 * Aggregate household income in dollars. For the smallest neighbourhoods the Census publishes no
 * number (the cells read {@code -} and {@code **}); {@link #suppressed()} says so, and then
 * estimate and margin are 0.
 */
public record AggregateIncome(long estimate, double marginOfError, boolean suppressed) {

    /** Estimate cell text the Census uses when there is no sample. */
    public static final String NO_SAMPLE_ESTIMATE = "-";
    /** Margin-of-error cell text the Census uses when it cannot be computed. */
    public static final String NO_SAMPLE_MARGIN = "**";

    static AggregateIncome noSample() {
        return new AggregateIncome(0, 0, true);
    }
}
