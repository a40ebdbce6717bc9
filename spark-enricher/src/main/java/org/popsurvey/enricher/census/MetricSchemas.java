package org.popsurvey.enricher.census;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.schemas.output.OutputTables;
import org.popsurvey.schemas.output.Reliability;

/**
 * Column names and layouts of the {@code metrics/} tables (documented in the README). Rows are set
 * by these names ({@link MetricRow}), never by position.
 */
final class MetricSchemas {

    static final String ENRICHER_BATCH_ID = OutputTables.ENRICHER_BATCH_ID;
    static final String COMPUTED_AT = "computed_at";

    static final String METRIC = "metric";
    static final String UNIT = "unit";
    static final String ESTIMATE = "estimate";
    static final String MOE = "moe";
    static final String NEIGHBORHOODS_INCLUDED = "neighborhoods_included";
    static final String NEIGHBORHOODS_EXCLUDED = "neighborhoods_excluded";
    static final String EXCLUDED_NEIGHBORHOODS = "excluded_neighborhoods";
    static final String AGE_BAND = "age_band";
    static final String BAND_ORDER = "band_order";
    static final String POPULATION = "population";
    static final String SHARE_OF_POPULATION = "share_of_population";
    static final String UNINSURED = "uninsured";
    static final String UNINSURED_RATE = "uninsured_rate";
    static final String AGGREGATE_HOUSEHOLD_INCOME = "aggregate_household_income";
    static final String HOUSEHOLDS = "households";
    static final String MEAN_HOUSEHOLD_INCOME = "mean_household_income";
    static final String PER_CAPITA_INCOME = "per_capita_income";
    static final String COVERAGE_TYPE = "coverage_type";
    static final String PEOPLE = "people";
    static final String SHARE_OF_AGE_BAND = "share_of_age_band";
    static final String RANK = "rank";
    static final String VALUE = "value";

    static final StructType CITY_TOTALS = stamped(new StructType()
            .add(METRIC, DataTypes.StringType, false)
            .add(UNIT, DataTypes.StringType, false)
            .add(ESTIMATE, DataTypes.DoubleType, true)
            .add(MOE, DataTypes.DoubleType, true)
            .add(NEIGHBORHOODS_INCLUDED, DataTypes.LongType, false)
            .add(NEIGHBORHOODS_EXCLUDED, DataTypes.LongType, false));

    static final StructType POPULATION_BY_AGE_BAND = stamped(new StructType()
            .add(AGE_BAND, DataTypes.StringType, false)
            .add(BAND_ORDER, DataTypes.IntegerType, false)
            .add(POPULATION, DataTypes.LongType, true)
            .add(moe(POPULATION), DataTypes.DoubleType, true)
            .add(SHARE_OF_POPULATION, DataTypes.DoubleType, true)
            .add(moe(SHARE_OF_POPULATION), DataTypes.DoubleType, true)
            .add(UNINSURED, DataTypes.LongType, true)
            .add(moe(UNINSURED), DataTypes.DoubleType, true)
            .add(UNINSURED_RATE, DataTypes.DoubleType, true)
            .add(moe(UNINSURED_RATE), DataTypes.DoubleType, true)
            .add(NEIGHBORHOODS_INCLUDED, DataTypes.LongType, false));

    static final StructType HOUSEHOLD_INCOME = stamped(new StructType()
            .add(NEIGHBORHOODS_INCLUDED, DataTypes.LongType, false)
            .add(NEIGHBORHOODS_EXCLUDED, DataTypes.LongType, false)
            .add(EXCLUDED_NEIGHBORHOODS, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(AGGREGATE_HOUSEHOLD_INCOME, DataTypes.LongType, true)
            .add(moe(AGGREGATE_HOUSEHOLD_INCOME), DataTypes.DoubleType, true)
            .add(HOUSEHOLDS, DataTypes.LongType, true)
            .add(moe(HOUSEHOLDS), DataTypes.DoubleType, true)
            .add(MEAN_HOUSEHOLD_INCOME, DataTypes.DoubleType, true)
            .add(moe(MEAN_HOUSEHOLD_INCOME), DataTypes.DoubleType, true)
            .add(POPULATION, DataTypes.LongType, true)
            .add(moe(POPULATION), DataTypes.DoubleType, true)
            .add(PER_CAPITA_INCOME, DataTypes.DoubleType, true)
            .add(moe(PER_CAPITA_INCOME), DataTypes.DoubleType, true));

    static final StructType COVERAGE_BY_TYPE = stamped(new StructType()
            .add(AGE_BAND, DataTypes.StringType, false)
            .add(COVERAGE_TYPE, DataTypes.StringType, false)
            .add(PEOPLE, DataTypes.LongType, true)
            .add(moe(PEOPLE), DataTypes.DoubleType, true)
            .add(SHARE_OF_AGE_BAND, DataTypes.DoubleType, true)
            .add(moe(SHARE_OF_AGE_BAND), DataTypes.DoubleType, true)
            .add(NEIGHBORHOODS_INCLUDED, DataTypes.LongType, false));

    /**
     * One row per ranked metric and neighborhood where it is known ({@link RankAssigner}). The value
     * is nullable although never null, as the table always had it: readers see one schema.
     */
    static final StructType NEIGHBORHOOD_RANKINGS = stamped(new StructType()
            .add(METRIC, DataTypes.StringType, false)
            .add(RANK, DataTypes.IntegerType, false)
            .add(NeighborhoodTable.NEIGHBORHOOD_ID, DataTypes.IntegerType, true)
            .add(NeighborhoodTable.NEIGHBORHOOD, DataTypes.StringType, true)
            .add(VALUE, DataTypes.DoubleType, true)
            .add(MOE, DataTypes.DoubleType, true)
            .add(Reliability.CV, DataTypes.DoubleType, true)
            .add(Reliability.RELIABILITY, DataTypes.StringType, true)
            // Null for a metric's last value and where a margin is unknown.
            .add(OutputTables.DIFFERS_FROM_NEXT, DataTypes.BooleanType, true)
            // Null where the value's own margin is unknown.
            .add(OutputTables.RANK_RANGE_MIN, DataTypes.IntegerType, true)
            .add(OutputTables.RANK_RANGE_MAX, DataTypes.IntegerType, true));

    private MetricSchemas() {}

    static String moe(String estimate) {
        return NeighborhoodTable.moe(estimate);
    }

    private static StructType stamped(StructType columns) {
        return columns.add(ENRICHER_BATCH_ID, DataTypes.LongType, false)
                .add(COMPUTED_AT, DataTypes.TimestampType, false);
    }
}
