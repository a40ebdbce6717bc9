package org.popsurvey.enricher.bench;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.popsurvey.enricher.stream.EnrichmentJob;
import org.popsurvey.enricher.stream.SparkSessions;

/**
 * The benchmark's baseline: a plain Structured Streaming job that copies a topic to Parquet with
 * Spark's own file sink (no decoding, no join, no exactly-once commit of ours), same session
 * settings as the enricher, availableNow trigger.
 *
 * <p>Usage: {@code BaselineCopyJob BOOTSTRAP TOPIC OUTPUT CHECKPOINT}
 */
public final class BaselineCopyJob {

    private BaselineCopyJob() {}

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSessions.create(Map.of());
        try {
            long start = System.nanoTime();
            StreamingQuery query = spark.readStream()
                    .format("kafka")
                    .option("subscribe", args[1])
                    // Read as the enricher reads (read_committed, from the earliest offset, same fetch wait): same
                    // work.
                    .options(EnrichmentJob.sourceOptions(Map.of("kafka.bootstrap.servers", args[0])))
                    .load()
                    .select("key", "value", "topic", "partition", "offset", "timestamp")
                    .writeStream()
                    .format("parquet")
                    .option("path", args[2])
                    .option("checkpointLocation", args[3])
                    .trigger(Trigger.AvailableNow())
                    .start();
            query.awaitTermination();
            long records = 0;
            for (var progress : query.recentProgress()) {
                records += progress.numInputRows();
            }
            System.out.printf(
                    "baseline: done, %d record(s) in %d batch(es), %.1f s after the query started%n",
                    records, query.recentProgress().length, (System.nanoTime() - start) / 1e9);
        } finally {
            spark.stop();
        }
    }
}
