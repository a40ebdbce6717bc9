package org.popsurvey.datagen;

/**
 * How a neighbourhood's population splits over the census tracts it spans. The shares drive the
 * margins of error (see {@link MarginOfErrorModel}); one tract means integer-only rows.
 *
 * @param population total population, the sum of the tracts' parts
 * @param shares     each tract's share of it, summing to 1
 */
record Tracts(long population, double[] shares) {

    /** Share of single-tract neighbourhoods (real: 25 of 91). */
    static final double SINGLE_TRACT_SHARE = 0.27;
    /** Multi-tract neighbourhoods by tract count 2..15: the real counts of the 66 such rows. */
    private static final double[] MULTI_TRACT_WEIGHTS = {15, 12, 9, 5, 10, 4, 2, 2, 3, 1, 1, 2, 1, 1};

    private static final int FEWEST_MULTI_TRACTS = 2;
    /** One tract's part of a neighbourhood: log-normal median and sigma, and a floor. */
    private static final double PART_MEDIAN = 750;

    private static final double PART_SIGMA = 0.55;
    private static final double PART_FLOOR = 60;

    int count() {
        return shares.length;
    }

    static Tracts single(long population) {
        return new Tracts(population, new double[] {1.0});
    }

    static Tracts draw(RandomDraws random) {
        int count =
                random.chance(SINGLE_TRACT_SHARE) ? 1 : FEWEST_MULTI_TRACTS + random.weightedIndex(MULTI_TRACT_WEIGHTS);
        double[] parts = new double[count];
        double sum = 0;
        for (int t = 0; t < count; t++) {
            parts[t] = Math.max(PART_FLOOR, Math.rint(random.logNormal(PART_MEDIAN, PART_SIGMA)));
            sum += parts[t];
        }
        for (int t = 0; t < count; t++) {
            parts[t] /= sum;
        }
        return new Tracts((long) sum, parts);
    }
}
