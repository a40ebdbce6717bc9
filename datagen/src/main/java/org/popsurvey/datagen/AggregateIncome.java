package org.popsurvey.datagen;

/**
 * Aggregate household income in dollars. For the smallest neighbourhoods the Census publishes no
 * number (the cells read {@code -} and {@code **}); {@link #suppressed()} says so, and then
 * estimate and margin are 0.
 */
public record AggregateIncome(long estimate, double marginOfError, boolean suppressed) {

    static AggregateIncome noSample() {
        return new AggregateIncome(0, 0, true);
    }
}
