package org.popsurvey.enricher.census;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.popsurvey.enricher.output.BatchStamp;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.schemas.output.OutputTables;
import org.popsurvey.schemas.output.Reliability;

/**
 * {@code neighborhood_rankings}: for each ranked metric, every neighborhood where it is known,
 * rank 1 = highest value (ties share a rank), with its MOE, CV and reliability, whether it differs
 * significantly from the next value and the range of ranks it could hold ({@link RankAssigner}).
 */
final class Rankings {

    static final List<String> RANKED = OutputTables.RANKED_METRICS;

    private static final String ENTRY = "_entry";

    private Rankings() {}

    static Dataset<Row> of(Dataset<Row> neighborhoods, long batchId, Timestamp computedAt) {
        // One scan: each neighborhood row becomes one row per ranked metric where it is known.
        Column[] entries = new Column[RANKED.size()];
        for (int i = 0; i < RANKED.size(); i++) {
            String metric = RANKED.get(i);
            entries[i] = struct(
                    lit(metric).as("metric"),
                    col(metric).cast("double").as("value"),
                    CityMetrics.moe(metric).as("moe"));
        }
        Dataset<Row> values = neighborhoods
                .select(
                        col(NeighborhoodTable.NEIGHBORHOOD_ID),
                        col(NeighborhoodTable.NEIGHBORHOOD),
                        explode(array(entries)).as(ENTRY))
                .filter(col(ENTRY + ".value").isNotNull())
                .select(
                        col(ENTRY + ".metric"),
                        col(NeighborhoodTable.NEIGHBORHOOD_ID),
                        col(NeighborhoodTable.NEIGHBORHOOD),
                        col(ENTRY + ".value"),
                        col(ENTRY + ".moe"));
        // The table is one file, so one partition; sorted by value alone (see RankAssigner).
        Dataset<Row> sorted =
                values.repartition(1).sortWithinPartitions(col("value").desc());
        JavaRDD<InternalRow> ranked =
                sorted.queryExecution().toRdd().toJavaRDD().mapPartitions(new RankAssigner());
        // A DataFrame of internal rows, as Spark's own sources build one (no Row conversion).
        return neighborhoods
                .sparkSession()
                .internalCreateDataFrame(ranked.rdd(), RankAssigner.SCHEMA, false)
                .select(
                        col("metric"),
                        col("rank"),
                        col(NeighborhoodTable.NEIGHBORHOOD_ID),
                        col(NeighborhoodTable.NEIGHBORHOOD),
                        col("value"),
                        col("moe"),
                        col(Reliability.CV),
                        col(Reliability.RELIABILITY),
                        col(OutputTables.DIFFERS_FROM_NEXT),
                        col(OutputTables.RANK_RANGE_MIN),
                        col(OutputTables.RANK_RANGE_MAX),
                        BatchStamp.batchId(batchId).as(MetricSchemas.ENRICHER_BATCH_ID),
                        BatchStamp.timestamp(computedAt).as(MetricSchemas.COMPUTED_AT));
    }
}
