package org.popsurvey.enricher.stream;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.enricher.census.CityMetrics;
import org.popsurvey.enricher.decode.CleanRecordDecoder;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.kafka.ClientSettings;
import org.popsurvey.enricher.kafka.TopicTail;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.ops.BatchOutcome;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.enricher.sink.BucketCount;
import org.popsurvey.enricher.sink.ExactlyOnceParquetSink;
import org.popsurvey.enricher.sink.OutputLayout;

/**
 * Wires the streaming query: Kafka source → decode (one registry client per executor) →
 * foreachBatch({@link EnrichmentBatch}) → {@link ExactlyOnceParquetSink}. The checkpoint records
 * which offsets each batch covers, so a restarted job replays exactly the batch that was not
 * committed, and the sink makes that replay idempotent.
 */
public final class EnrichmentJob {

    public static final String QUERY_NAME = "popsurvey-enrich";

    /**
     * Kafka source options the accounting depends on, applied after the user's settings so nothing
     * overrides them (and {@link ClientSettings} refuses them in {@code --config}).
     */
    public static final Map<String, String> FORCED_SOURCE_OPTIONS = Map.of(
            // Kafka's default, read_uncommitted, lets records of aborted validator transactions (every
            // validator crash and rebalance leaves some) into the output.
            ClientSettings.SPARK_KAFKA_PREFIX + ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            // A new checkpoint starts at the topic's first record, not at its end.
            "startingOffsets",
            "earliest",
            // Records deleted before they were read stop the job instead of being skipped (gaps left
            // by compaction are not data loss to Spark and pass).
            "failOnDataLoss",
            "true");

    /**
     * Kafka source options the job sets for speed, before the user's settings, which may override
     * them (they change how fast records come, never which).
     */
    public static final Map<String, String> DEFAULT_SOURCE_OPTIONS = Map.of(
            // Every task's one fetch came back only after the broker's default wait of 500 ms, although
            // its records were in the log (measured: 1 to 4 records in 520-530 ms, 35-70 ms at 20 ms):
            // half a second per Kafka partition, two waves of tasks per micro-batch on two cores. A
            // task reads an offset range the driver saw in the log, so waiting for more data never helps.
            ClientSettings.SPARK_KAFKA_PREFIX + ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");

    private EnrichmentJob() {}

    /**
     * The Kafka source's options for {@code kafkaOptions} (the user's, {@code kafka.}-prefixed):
     * {@link #DEFAULT_SOURCE_OPTIONS}, overridden by the user's, overridden by {@link #FORCED_SOURCE_OPTIONS}.
     */
    public static Map<String, String> sourceOptions(Map<String, String> kafkaOptions) {
        Map<String, String> options = new LinkedHashMap<>(DEFAULT_SOURCE_OPTIONS);
        options.putAll(kafkaOptions);
        options.putAll(FORCED_SOURCE_OPTIONS);
        return options;
    }

    /** Kafka rows decoded as the stream decodes them. */
    private static Dataset<Row> decoded(Dataset<Row> kafkaRows, Settings settings) {
        return kafkaRows
                .select(Arrays.stream(CleanRecordDecoder.KAFKA_COLUMNS)
                        .map(functions::col)
                        .toArray(Column[]::new))
                .mapPartitions(new CleanRecordDecoder(settings.registryConfig()), Encoders.row(DecodedRecord.SCHEMA));
    }

    /**
     * The topic's last committed records, read and decoded by a batch query as the stream will
     * (for the warm-up: the Kafka consumer, the registry lookups and the decoder); empty if none.
     */
    private static Optional<Dataset<Row>> topicTail(SparkSession spark, Settings settings) throws Exception {
        Map<String, Object> clientConfig = new java.util.HashMap<>();
        settings.kafkaOptions()
                .forEach((name, value) ->
                        clientConfig.put(name.substring(ClientSettings.SPARK_KAFKA_PREFIX.length()), value));
        Optional<Map<String, String>> offsets =
                TopicTail.offsetOptions(clientConfig, settings.topic(), WarmUp.TAIL_RECORDS_PER_PARTITION);
        if (offsets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decoded(
                spark.read()
                        .format("kafka")
                        .options(sourceOptions(settings.kafkaOptions()))
                        // The stream's group prefix (a batch read's differs): the one consumer group ACLs allow.
                        .option("groupIdPrefix", "spark-kafka-source")
                        .options(offsets.get())
                        .option("subscribe", settings.topic())
                        .load(),
                settings));
    }

    /** What one run needs; Kafka options are Spark's ({@code kafka.}-prefixed consumer settings). */
    public record Settings(
            Map<String, String> kafkaOptions,
            Map<String, String> registryConfig,
            String topic,
            String output,
            String checkpoint,
            Duration trigger,
            boolean once,
            Integer buckets,
            Long maxRecordsPerBatch) {}

    /**
     * Opens the output ({@code lock} is its {@link OutputLayout#lock}) and starts the query over {@code tables}
     * ({@link org.popsurvey.enricher.reference.ReferenceTables#load}).
     */
    public static StreamingQuery start(
            SparkSession spark, Settings settings, ReferenceProfiles tables, OutputLock lock) {
        return start(spark, settings, tables, lock, BatchOutcome.NONE);
    }

    /** As above, telling {@code outcome} what each batch published (the /metrics endpoint). */
    public static StreamingQuery start(
            SparkSession spark, Settings settings, ReferenceProfiles tables, OutputLock lock, BatchOutcome outcome) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        int buckets = settings.buckets() != null
                ? settings.buckets()
                : OutputLayout.pinnedBuckets(settings.output(), conf)
                        .orElse(BucketCount.forNeighborhoods(tables.size()));
        OutputLayout layout = OutputLayout.open(settings.output(), buckets, conf, lock);
        // Loaded once on the driver and sent once to each executor; every task looks Ids up locally.
        Broadcast<ReferenceProfiles> profiles =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(tables);
        ExactlyOnceParquetSink sink = new ExactlyOnceParquetSink(
                layout,
                NeighborhoodTable.NEIGHBORHOOD_ID,
                new CityMetrics(
                        layout.buckets(),
                        settings.once() ? CityMetrics.RANKINGS_NEVER_TRAIL : CityMetrics.RANKINGS_TRAIL_ABOVE));
        // Before any batch: the published table's state, so the first batch is not the slowest, and any
        // table a killed job left a batch behind, which no new record may come to fix.
        sink.resume(spark);
        if (!settings.once()) {
            // A stream's first batch should cost what the next ones do; a backfill pays its cold start once anyway.
            WarmUp.run(spark, layout, profiles, () -> topicTail(spark, settings));
        }

        DataStreamReader reader = spark.readStream()
                .format("kafka")
                .options(sourceOptions(settings.kafkaOptions()))
                .option("subscribe", settings.topic());
        if (settings.maxRecordsPerBatch() != null) {
            reader = reader.option("maxOffsetsPerTrigger", settings.maxRecordsPerBatch());
        }
        Dataset<Row> decoded = decoded(reader.load(), settings);
        try {
            return decoded.writeStream()
                    .queryName(QUERY_NAME)
                    .option("checkpointLocation", settings.checkpoint())
                    .trigger(
                            settings.once()
                                    ? Trigger.AvailableNow()
                                    : Trigger.ProcessingTime(settings.trigger().toMillis()))
                    .foreachBatch(new EnrichmentBatch(profiles, sink, outcome))
                    .start();
        } catch (TimeoutException e) {
            throw new CommandFailedException(
                    "Timed out starting the streaming query (checkpoint " + settings.checkpoint() + ")", e);
        }
    }
}
