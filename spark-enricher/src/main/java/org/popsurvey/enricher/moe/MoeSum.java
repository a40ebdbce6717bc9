package org.popsurvey.enricher.moe;

import java.io.Serializable;

/**
 * Margin of error of a sum of ACS estimates: the square root of the sum of the squared MOEs, with
 * the Bureau's rule for zero estimates (ACS handbook 2018, ch. 8; 2016 MOE training, slide 26):
 * when several of the summed estimates are 0, only the largest of their MOEs is counted, because a
 * zero estimate's MOE is a modelled bound, not a sampling error that adds up.
 *
 * <p>R tidycensus {@code moe_sum(moe, estimate)} implements the same rule as "keep the distinct
 * zero-estimate MOEs" ({@code unique(moe[estimate == 0])}); the two agree whenever the
 * zero-estimate MOEs are equal (as within one neighborhood of this data set) and differ otherwise,
 * where this class follows the Bureau.
 *
 * <p>A mutable accumulator so that one implementation serves single rows, Java callers and the
 * Spark aggregate ({@link MoeSumAggregator}); it is a Java bean for Spark's bean encoder.
 * The result is null (unknown) when any part's estimate or MOE is unknown, or there are no parts.
 */
public final class MoeSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private double sumOfSquaresNonZero;
    private double largestZeroMoe;
    private long parts;
    private boolean unknown;

    /** The MOE of the sum of the given (estimate, MOE) pairs, {@code estimatesAndMoes = e1, m1, e2, m2...}. */
    public static Double of(Double... estimatesAndMoes) {
        if (estimatesAndMoes.length % 2 != 0) {
            throw new IllegalArgumentException("expected estimate, moe pairs");
        }
        MoeSum sum = new MoeSum();
        for (int i = 0; i < estimatesAndMoes.length; i += 2) {
            sum.add(estimatesAndMoes[i], estimatesAndMoes[i + 1]);
        }
        return sum.result();
    }

    /** Adds one summed estimate and its MOE (either may be null: unknown). */
    public MoeSum add(Double estimate, Double moe) {
        parts++;
        if (estimate == null || moe == null || !Double.isFinite(moe) || moe < 0) {
            unknown = true;
        } else if (estimate == 0) {
            largestZeroMoe = Math.max(largestZeroMoe, moe);
        } else {
            sumOfSquaresNonZero += moe * moe;
        }
        return this;
    }

    public MoeSum merge(MoeSum other) {
        sumOfSquaresNonZero += other.sumOfSquaresNonZero;
        largestZeroMoe = Math.max(largestZeroMoe, other.largestZeroMoe);
        parts += other.parts;
        unknown |= other.unknown;
        return this;
    }

    /** The MOE of the sum, or null when unknown. */
    public Double result() {
        if (unknown || parts == 0) {
            return null;
        }
        return Moe.finiteOrNull(Math.sqrt(sumOfSquaresNonZero + largestZeroMoe * largestZeroMoe));
    }

    // Bean accessors for Spark's encoder.

    public double getSumOfSquaresNonZero() {
        return sumOfSquaresNonZero;
    }

    public void setSumOfSquaresNonZero(double value) {
        this.sumOfSquaresNonZero = value;
    }

    public double getLargestZeroMoe() {
        return largestZeroMoe;
    }

    public void setLargestZeroMoe(double value) {
        this.largestZeroMoe = value;
    }

    public long getParts() {
        return parts;
    }

    public void setParts(long value) {
        this.parts = value;
    }

    public boolean isUnknown() {
        return unknown;
    }

    public void setUnknown(boolean value) {
        this.unknown = value;
    }
}
