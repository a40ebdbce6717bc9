package org.popsurvey.datagen;

/**
 * Margins of error the way the published files got them. A single-tract neighbourhood shows its
 * tract's whole-number MOE. A multi-tract neighbourhood shows the square root of the sum of its
 * tracts' squared MOEs, which is where {@code 449.773276218} and, for a zero count,
 * {@code 14.1421356237} = sqrt(2) * 10 come from.
 */
final class MarginOfErrorModel {

    /** The tract-level MOE the ACS publishes for a zero count. */
    static final double ZERO_COUNT_MARGIN = 10;
    /** A tract's share of a count below this rounds to a zero count there. */
    private static final double HALF_A_PERSON = 0.5;
    /** Spread of a tract's MOE around its typical size, as a factor range. */
    private static final double SPREAD_LOW = 0.6;

    private static final double SPREAD_HIGH = 1.4;
    /** Relative MOE of a tract's aggregate income: between these, roughly factor / sqrt(households). */
    private static final double MIN_RELATIVE_INCOME_MARGIN = 0.05;

    private static final double MAX_RELATIVE_INCOME_MARGIN = 1.2;

    private final double[] tractShares;
    private final RandomDraws random;

    /**
     * @param tractShares each tract's share of the neighbourhood, summing to 1
     */
    MarginOfErrorModel(double[] tractShares, RandomDraws random) {
        this.tractShares = tractShares;
        this.random = random;
    }

    /**
     * A count (people, households) with its MOE. {@code factor} is the typical tract MOE divided
     * by the square root of the tract's count: about 5 for population, 3 for households.
     */
    Measure count(long estimate, double factor) {
        if (tractShares.length == 1) {
            return new Measure(estimate, tractCountMargin(estimate, factor));
        }
        double sumOfSquares = 0;
        for (double share : tractShares) {
            double tractMargin = tractCountMargin(estimate * share, factor);
            sumOfSquares += tractMargin * tractMargin;
        }
        return new Measure(estimate, Math.sqrt(sumOfSquares));
    }

    /**
     * An aggregate dollar amount over {@code households} households. The relative MOE of a tract
     * shrinks with the square root of its household count.
     */
    Measure dollars(long estimate, long households, double factor) {
        double sumOfSquares = 0;
        for (double share : tractShares) {
            double tractHouseholds = Math.max(1.0, households * share);
            double relative = factor * random.uniform(SPREAD_LOW, SPREAD_HIGH) / Math.sqrt(tractHouseholds);
            relative = Math.max(MIN_RELATIVE_INCOME_MARGIN, Math.min(MAX_RELATIVE_INCOME_MARGIN, relative));
            double tractMargin = Math.rint(estimate * share * relative);
            sumOfSquares += tractMargin * tractMargin;
        }
        return new Measure(
                estimate, tractShares.length == 1 ? Math.rint(Math.sqrt(sumOfSquares)) : Math.sqrt(sumOfSquares));
    }

    private double tractCountMargin(double tractEstimate, double factor) {
        if (tractEstimate < HALF_A_PERSON) {
            return ZERO_COUNT_MARGIN;
        }
        double margin = Math.rint(factor * random.uniform(SPREAD_LOW, SPREAD_HIGH) * Math.sqrt(tractEstimate));
        return Math.max(1, margin);
    }
}
