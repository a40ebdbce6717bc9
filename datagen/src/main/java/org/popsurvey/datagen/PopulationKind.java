package org.popsurvey.datagen;

/**
 * The three kinds of neighbourhood the published data shows, which differ in how the health
 * table's total and the household count relate to the population.
 */
enum PopulationKind {
    /** A handful of people in one tract (Chateau: 3, South Shore: 12); income not published. */
    TINY,
    /** Dormitories or institutions (Bluff, Marshall-Shadeland): health total well below population, few households. */
    GROUP_QUARTERS,
    ORDINARY;

    static final double TINY_SHARE = 0.022;
    static final int TINY_MAX_POPULATION = 20;
    static final double GROUP_QUARTERS_SHARE = 0.04;
    /** Share of ordinary rows whose health total equals the population exactly (real: about half). */
    static final double HEALTH_TOTAL_EQUALS_POPULATION = 0.5;
    /** Typical tract MOE / sqrt(count) for population. */
    static final double POPULATION_MARGIN_FACTOR = 5.5;

    static PopulationKind draw(RandomDraws random) {
        if (random.chance(TINY_SHARE)) {
            return TINY;
        }
        return random.chance(GROUP_QUARTERS_SHARE) ? GROUP_QUARTERS : ORDINARY;
    }

    Tracts tracts(RandomDraws random) {
        return this == TINY ? Tracts.single(random.between(1, TINY_MAX_POPULATION)) : Tracts.draw(random);
    }

    /** A count and its MOE; tiny counts get the small, sometimes larger-than-estimate MOEs seen. */
    Measure count(long estimate, double factor, MarginOfErrorModel margins, RandomDraws random) {
        if (this == TINY && estimate > 0) {
            return new Measure(estimate, Math.max(1, estimate + random.between(-2, 3)));
        }
        return margins.count(estimate, factor);
    }

    /** "Estimate; Total:" of the health table: the civilian noninstitutionalized part of the population. */
    Measure healthTotal(Measure population, MarginOfErrorModel margins, RandomDraws random) {
        double missing = switch (this) {
            case TINY -> 0;
            case GROUP_QUARTERS -> random.uniform(0.10, 0.40);
            case ORDINARY -> random.chance(HEALTH_TOTAL_EQUALS_POPULATION) ? 0 : random.uniform(0.001, 0.05);
        };
        long total = population.estimate() - Math.round(population.estimate() * missing);
        return total == population.estimate() ? population : margins.count(total, POPULATION_MARGIN_FACTOR);
    }

    /** People per household. */
    double householdSize(RandomDraws random) {
        return switch (this) {
            case TINY -> random.uniform(1.0, 2.5);
            case GROUP_QUARTERS -> random.uniform(3.5, 12.0);
            case ORDINARY -> Math.max(1.3, Math.min(3.5, random.logNormal(2.2, 0.15)));
        };
    }
}
