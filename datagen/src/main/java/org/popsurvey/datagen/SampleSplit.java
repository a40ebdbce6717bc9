package org.popsurvey.datagen;

/**
 * Splits a count the way a survey estimate splits: the ACS sees a sample, each respondent standing
 * for some twenty people, so a small cell is often exactly zero (the real health table has 43% zero
 * cells) and the others are lumpy. The count is cut into sample units, the units are dealt to the
 * parts at random by the expected shares, and {@link IntegerSplit} turns the units back into whole
 * numbers that add up to the count exactly.
 */
final class SampleSplit {

    /** People one sampled unit stands for; tuned so zero cells are about as common as published. */
    static final double PEOPLE_PER_SAMPLE_UNIT = 16;
    /** Bounds the work for very large counts; beyond this the shares are smooth anyway. */
    static final int MAX_SAMPLE_UNITS = 4_000;

    private SampleSplit() {}

    static long[] split(long total, double[] expectedShares, RandomDraws random) {
        if (total == 0) {
            return new long[expectedShares.length];
        }
        int units = (int) Math.max(1, Math.min(MAX_SAMPLE_UNITS, Math.round(total / PEOPLE_PER_SAMPLE_UNIT)));
        return IntegerSplit.split(total, random.multinomial(units, expectedShares));
    }
}
