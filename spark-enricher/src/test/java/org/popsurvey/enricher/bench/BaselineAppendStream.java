package org.popsurvey.enricher.bench;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.popsurvey.enricher.stream.EnrichmentJob;
import org.popsurvey.enricher.stream.ProgressTotals;
import org.popsurvey.enricher.stream.SparkSessions;

/**
 * The micro-batch benchmark's baseline: a plain Structured Streaming query appending a topic's
 * records to Parquet with Spark's own file sink and a processing-time trigger, same session
 * settings and source options as the enricher, except that it starts at the given offsets (after
 * the backfill, which it does not copy). It logs each batch as the enricher does
 * ({@link ProgressTotals}) and runs until killed.
 *
 * <p>Usage: {@code BaselineAppendStream BOOTSTRAP TOPIC STARTING_OFFSETS_JSON OUTPUT CHECKPOINT TRIGGER_MS}
 */
public final class BaselineAppendStream {

    private BaselineAppendStream() {}

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSessions.create(Map.of());
        spark.streams().addListener(new ProgressTotals());
        StreamingQuery query = spark.readStream()
                .format("kafka")
                .option("subscribe", args[1])
                .options(EnrichmentJob.sourceOptions(Map.of("kafka.bootstrap.servers", args[0])))
                .option("startingOffsets", args[2])
                .load()
                .select("key", "value", "topic", "partition", "offset", "timestamp")
                .writeStream()
                .format("parquet")
                .option("path", args[3])
                .option("checkpointLocation", args[4])
                .trigger(Trigger.ProcessingTime(Long.parseLong(args[5])))
                .start();
        System.out.println("baseline: reading " + args[1]);
        query.awaitTermination();
    }
}
