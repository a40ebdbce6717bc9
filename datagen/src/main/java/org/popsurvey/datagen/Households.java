package org.popsurvey.datagen;

/**
 * The household side of a neighbourhood: the self-employment table (Total = With + No exactly)
 * and aggregate household income.
 */
record Households(Measure total, Measure withSelfEmployment, Measure noSelfEmployment, AggregateIncome income) {

    /** Typical tract MOE / sqrt(count) for the household counts. */
    static final double TOTAL_MARGIN_FACTOR = 3.2;

    static final double WITH_SELF_EMPLOYMENT_MARGIN_FACTOR = 4.5;
    /** Share of households with self-employment income: log-normal median, sigma, cap. */
    static final double SELF_EMPLOYED_MEDIAN = 0.06;

    static final double SELF_EMPLOYED_SIGMA = 0.5;
    static final double SELF_EMPLOYED_MAX = 0.3;
    /** Rows where the survey found no self-employed household at all (real: 10 of 91, small or not). */
    static final double NO_SELF_EMPLOYED_SHARE = 0.08;
    /** Mean household income in dollars: log-normal median, sigma, and clamp. */
    static final double MEAN_INCOME_MEDIAN = 52_000;

    static final double MEAN_INCOME_SIGMA = 0.4;
    static final double MEAN_INCOME_MIN = 18_000;
    static final double MEAN_INCOME_MAX = 170_000;
    /** Relative MOE of a tract's aggregate income times sqrt(households). */
    static final double INCOME_MARGIN_FACTOR = 4.5;
    /** Aggregate income is published rounded to hundreds of dollars. */
    static final long INCOME_ROUNDING = 100;

    static Households draw(PopulationKind kind, Measure population, MarginOfErrorModel margins, RandomDraws random) {
        long people = population.estimate();
        long count = Math.max(1, Math.min(people, Math.round(people / kind.householdSize(random))));
        Measure total = kind.count(count, TOTAL_MARGIN_FACTOR, margins, random);

        double share = random.chance(NO_SELF_EMPLOYED_SHARE)
                ? 0
                : Math.min(SELF_EMPLOYED_MAX, random.logNormal(SELF_EMPLOYED_MEDIAN, SELF_EMPLOYED_SIGMA));
        long with = Math.round(count * share);
        Measure withSelfEmployment = margins.count(with, WITH_SELF_EMPLOYMENT_MARGIN_FACTOR);
        Measure noSelfEmployment = kind.count(count - with, TOTAL_MARGIN_FACTOR, margins, random);

        AggregateIncome income;
        if (kind == PopulationKind.TINY) {
            income = AggregateIncome.noSample();
        } else {
            double mean = Math.max(
                    MEAN_INCOME_MIN,
                    Math.min(MEAN_INCOME_MAX, random.logNormal(MEAN_INCOME_MEDIAN, MEAN_INCOME_SIGMA)));
            long dollars = Math.round(count * mean / INCOME_ROUNDING) * INCOME_ROUNDING;
            Measure measure = margins.dollars(dollars, count, INCOME_MARGIN_FACTOR);
            income = new AggregateIncome(measure.estimate(), measure.marginOfError(), false);
        }
        return new Households(total, withSelfEmployment, noSelfEmployment, income);
    }
}
