package org.popsurvey.enricher.metrics;

import java.sql.Timestamp;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.popsurvey.enricher.output.BatchStamp;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.reference.ReferenceProfile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;

/**
 * {@code neighborhood_rankings}: for each ranked metric, every neighborhood where it is known,
 * rank 1 = highest value (ties share a rank). MOEs are carried so a reader can tell whether two
 * neighbors' ranks differ significantly.
 */
final class Rankings {

    static final List<String> RANKED = List.of(
            NeighborhoodTable.POPULATION,
            ReferenceProfile.MEAN_HOUSEHOLD_INCOME,
            NeighborhoodTable.PER_CAPITA_INCOME,
            ReferenceProfile.UNINSURED_RATE,
            ReferenceProfile.SELF_EMPLOYMENT_RATE);

    private Rankings() {
    }

    static Dataset<Row> of(Dataset<Row> neighborhoods, long batchId, Timestamp computedAt) {
        Dataset<Row> values = null;
        for (String metric : RANKED) {
            Dataset<Row> one = neighborhoods
                    .filter(col(metric).isNotNull())
                    .select(lit(metric).as("metric"), col(NeighborhoodTable.NEIGHBORHOOD_ID),
                            col(NeighborhoodTable.NEIGHBORHOOD), col(metric).cast("double").as("value"),
                            CityMetrics.moe(metric).as("moe"));
            values = values == null ? one : values.unionByName(one);
        }
        Column rank = rank().over(Window.partitionBy("metric")
                .orderBy(col("value").desc()));
        return values.select(col("metric"), rank.as("rank"), col(NeighborhoodTable.NEIGHBORHOOD_ID),
                col(NeighborhoodTable.NEIGHBORHOOD), col("value"), col("moe"),
                BatchStamp.batchId(batchId).as(MetricSchemas.ENRICHER_BATCH_ID),
                BatchStamp.timestamp(computedAt).as(MetricSchemas.COMPUTED_AT));
    }
}
