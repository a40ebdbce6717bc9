package org.popsurvey.schemas.output;

import java.util.List;

/**
 * The enricher's Parquet output as its readers (the report, the demo, tests) see it: folder and
 * table names, and the columns they read beyond the reliability ones ({@link Reliability}). The
 * full column reference is {@code spark-enricher/README.md}.
 */
public final class OutputTables {

    public static final String NEIGHBORHOODS = "neighborhoods";
    public static final String METRICS = "metrics";
    public static final String REJECTED = "rejected";

    public static final String CITY_TOTALS = "city_totals";
    public static final String POPULATION_BY_AGE_BAND = "population_by_age_band";
    public static final String HOUSEHOLD_INCOME = "household_income";
    public static final String COVERAGE_BY_TYPE = "coverage_by_type";
    public static final String NEIGHBORHOOD_RANKINGS = "neighborhood_rankings";

    /** The micro-batch that wrote a row: on every row of {@code neighborhoods/} and of each metric table. */
    public static final String ENRICHER_BATCH_ID = "enricher_batch_id";

    /**
     * Every estimate of {@code neighborhoods/} that gets {@code _cv} and {@code _reliability}
     * columns: the published counts the report and analysts use, the sum and the derived values.
     */
    public static final List<String> NEIGHBORHOOD_RELIABILITY_METRICS = List.of(
            "population",
            "civilian_noninstitutionalized_population",
            "pop_under_18",
            "pop_18_34",
            "pop_35_64",
            "pop_65_plus",
            "households",
            "households_with_self_employment_income",
            "households_without_self_employment_income",
            "aggregate_household_income",
            "uninsured",
            "mean_household_income",
            "per_capita_income",
            "self_employment_rate",
            "uninsured_rate");

    /** The metrics of {@code neighborhood_rankings}, in the order the enricher ranks them. */
    public static final List<String> RANKED_METRICS = List.of(
            "population", "mean_household_income", "per_capita_income", "uninsured_rate", "self_employment_rate");

    /** {@code neighborhood_rankings}: significance of the gap to the next rank, and the ranks it could hold. */
    public static final String DIFFERS_FROM_NEXT = "differs_from_next";

    public static final String RANK_RANGE_MIN = "rank_range_min";
    public static final String RANK_RANGE_MAX = "rank_range_max";

    private OutputTables() {}
}
