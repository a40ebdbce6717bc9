package org.popsurvey.enricher.census;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column layouts of the {@code metrics/} tables (documented in the README). */
final class MetricSchemas {

    static final String ENRICHER_BATCH_ID = "enricher_batch_id";
    static final String COMPUTED_AT = "computed_at";

    static final StructType CITY_TOTALS = stamped(new StructType()
            .add("metric", DataTypes.StringType, false)
            .add("unit", DataTypes.StringType, false)
            .add("estimate", DataTypes.DoubleType, true)
            .add("moe", DataTypes.DoubleType, true)
            .add("neighborhoods_included", DataTypes.LongType, false)
            .add("neighborhoods_excluded", DataTypes.LongType, false));

    static final StructType POPULATION_BY_AGE_BAND = stamped(new StructType()
            .add("age_band", DataTypes.StringType, false)
            .add("band_order", DataTypes.IntegerType, false)
            .add("population", DataTypes.LongType, true)
            .add("population_moe", DataTypes.DoubleType, true)
            .add("share_of_population", DataTypes.DoubleType, true)
            .add("share_of_population_moe", DataTypes.DoubleType, true)
            .add("uninsured", DataTypes.LongType, true)
            .add("uninsured_moe", DataTypes.DoubleType, true)
            .add("uninsured_rate", DataTypes.DoubleType, true)
            .add("uninsured_rate_moe", DataTypes.DoubleType, true)
            .add("neighborhoods_included", DataTypes.LongType, false));

    static final StructType HOUSEHOLD_INCOME = stamped(new StructType()
            .add("neighborhoods_included", DataTypes.LongType, false)
            .add("neighborhoods_excluded", DataTypes.LongType, false)
            .add("excluded_neighborhoods", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("aggregate_household_income", DataTypes.LongType, true)
            .add("aggregate_household_income_moe", DataTypes.DoubleType, true)
            .add("households", DataTypes.LongType, true)
            .add("households_moe", DataTypes.DoubleType, true)
            .add("mean_household_income", DataTypes.DoubleType, true)
            .add("mean_household_income_moe", DataTypes.DoubleType, true)
            .add("population", DataTypes.LongType, true)
            .add("population_moe", DataTypes.DoubleType, true)
            .add("per_capita_income", DataTypes.DoubleType, true)
            .add("per_capita_income_moe", DataTypes.DoubleType, true));

    static final StructType COVERAGE_BY_TYPE = stamped(new StructType()
            .add("age_band", DataTypes.StringType, false)
            .add("coverage_type", DataTypes.StringType, false)
            .add("people", DataTypes.LongType, true)
            .add("people_moe", DataTypes.DoubleType, true)
            .add("share_of_age_band", DataTypes.DoubleType, true)
            .add("share_of_age_band_moe", DataTypes.DoubleType, true)
            .add("neighborhoods_included", DataTypes.LongType, false));

    private MetricSchemas() {}

    private static StructType stamped(StructType columns) {
        return columns.add(ENRICHER_BATCH_ID, DataTypes.LongType, false)
                .add(COMPUTED_AT, DataTypes.TimestampType, false);
    }
}
