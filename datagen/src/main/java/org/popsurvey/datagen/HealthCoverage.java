package org.popsurvey.datagen;

import java.util.Arrays;

/**
 * The 66 estimate/margin pairs of one health-insurance row, by {@link HealthCoverageLayout} column.
 * Immutable.
 */
public final class HealthCoverage {

    private final long[] estimates;
    private final double[] margins;

    HealthCoverage(long[] estimates, double[] margins) {
        if (estimates.length != margins.length) {
            throw new IllegalArgumentException("Estimates and margins differ in length");
        }
        this.estimates = estimates.clone();
        this.margins = margins.clone();
    }

    public int columns() {
        return estimates.length;
    }

    public long estimate(int column) {
        return estimates[column];
    }

    public double marginOfError(int column) {
        return margins[column];
    }

    public Measure measure(int column) {
        return new Measure(estimates[column], margins[column]);
    }

    /** "Estimate; Total:": the civilian noninstitutionalized population. */
    public long total() {
        return estimates[HealthCoverageLayout.published().totalColumn()];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HealthCoverage that
                && Arrays.equals(estimates, that.estimates)
                && Arrays.equals(margins, that.margins);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(estimates) + Arrays.hashCode(margins);
    }
}
