package org.popsurvey.enricher;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.popsurvey.cli.ConnectionOptions;
import org.popsurvey.cli.DurationConverter;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.enricher.kafka.ClientSettings;
import org.popsurvey.enricher.kafka.Preflight;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.ops.EnricherOps;
import org.popsurvey.enricher.reference.ReferenceDataException;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.enricher.reference.ReferenceTables;
import org.popsurvey.enricher.sink.OutputLayout;
import org.popsurvey.enricher.stream.EnrichmentJob;
import org.popsurvey.enricher.stream.ProgressTotals;
import org.popsurvey.enricher.stream.SparkSessions;
import org.popsurvey.ops.http.HttpOptions;
import org.popsurvey.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./popsurvey enrich}: streams {@code population.clean}, joins the three reference tables
 * and writes the neighborhoods table and the city metrics as Parquet, exactly once.
 *
 * <p>How to run, locally (after {@code ./popsurvey stack up}, {@code produce} and {@code validate}):
 * <pre>
 * ./popsurvey enrich --reference-dir ../shared/data/acs2015 --output /tmp/popsurvey-out --once
 * </pre>
 * On a cluster: {@code spark-submit --class org.popsurvey.enricher.EnrichCommand
 * spark-enricher/target/spark-enricher-*-spark.jar --reference-dir hdfs://... --output hdfs://...}.
 */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Stream clean population records, join the ACS reference tables, and write one Parquet "
                    + "row per neighborhood plus city-wide metric tables, exactly once (see the README)."
        })
public final class EnrichCommand implements Callable<Integer> {

    /** How long the closing summary waits for Spark to deliver the query's last progress events. */
    private static final Duration SUMMARY_WAIT = Duration.ofSeconds(10);

    @Mixin
    ConnectionOptions connection;

    @Mixin
    HttpOptions http;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.CLEAN,
            description = "Clean topic to read (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--reference-dir",
            paramLabel = "DIR|URI",
            required = true,
            description = "Local folder or hdfs:// URI holding the three reference CSVs under their published names.")
    String referenceDir;

    @Option(
            names = "--output",
            paramLabel = "DIR|URI",
            required = true,
            description = "Local folder or hdfs:// URI; gets neighborhoods/, metrics/ and rejected/.")
    String output;

    @Option(
            names = "--checkpoint",
            paramLabel = "DIR|URI",
            description =
                    "Streaming checkpoint, local or hdfs:// (default: OUTPUT/" + OutputLayout.DEFAULT_CHECKPOINT + ").")
    String checkpoint;

    @Option(
            names = "--trigger",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Micro-batch interval (default: ${DEFAULT-VALUE}).")
    Duration trigger;

    @Option(names = "--once", description = "Process every record already in the topic, then stop (backfills, tests).")
    boolean once;

    @Option(
            names = "--buckets",
            paramLabel = "N",
            description = "Files in neighborhoods/ (Id mod N); a micro-batch rewrites only the files it touches. "
                    + "Fixed when the output is created (default: one per 2,048 neighborhoods of the reference "
                    + "tables, a power of two, at least 4; an existing output keeps its count).")
    Integer buckets;

    @Option(
            names = "--max-records-per-batch",
            paramLabel = "N",
            description = "Upper bound of records per micro-batch (Spark's maxOffsetsPerTrigger; default: no bound).")
    Long maxRecordsPerBatch;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description = "Extra Spark setting, repeatable (for example spark.sql.shuffle.partitions=8).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    /** The loaded tables, or the loader's own exception (a {@link ReferenceDataException} names file and line). */
    private static ReferenceProfiles await(CompletableFuture<ReferenceProfiles> tables) {
        try {
            return tables.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    public static void main(String[] args) {
        PopsurveyCommandLine.main(new EnrichCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (buckets != null && buckets < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--buckets must be at least 1");
        }
        ClientSettings clients = ClientSettings.from(connection.clientConfig());
        SparkSessions.refuseUnsafeSettings(sparkConf);
        // Taken first: a second job on the same folder stops here, naming the running one, before
        // it touches anything.
        try (OutputLock lock = OutputLayout.lock(output, SparkSessions.hadoopConfiguration(sparkConf))) {
            return run(clients, lock);
        }
    }

    private int run(ClientSettings clients, OutputLock lock) throws IOException, InterruptedException {
        Preflight.check(clients, topic);
        String checkpointDir =
                checkpoint != null ? checkpoint : new Path(output, OutputLayout.DEFAULT_CHECKPOINT).toString();
        long loading = System.nanoTime();
        // The reference tables load while Spark starts: seconds each, and neither needs the other.
        CompletableFuture<ReferenceProfiles> tables = CompletableFuture.supplyAsync(
                () -> ReferenceTables.load(SparkSessions.hadoopConfiguration(sparkConf), referenceDir));
        // Probes answer (live, not ready) while Spark starts, which takes seconds to a minute.
        EnricherOps ops = EnricherOps.start(http, trigger);
        SparkSession spark = SparkSessions.create(sparkConf);
        try (ops) {
            ops.listenTo(spark);
            ProgressTotals totals = new ProgressTotals();
            spark.streams().addListener(totals);
            StreamingQuery query = EnrichmentJob.start(
                    spark,
                    new EnrichmentJob.Settings(
                            clients.kafkaOptions(),
                            clients.registryConfig(),
                            topic,
                            output,
                            checkpointDir,
                            trigger,
                            once,
                            buckets,
                            maxRecordsPerBatch),
                    await(tables),
                    lock,
                    ops.batchOutcome());
            ops.watch(query);
            System.out.printf(
                    "enrich: reading %s from %s, writing %s/{%s,%s} (checkpoint %s)%n",
                    topic,
                    connection.bootstrapServers(),
                    output,
                    OutputLayout.NEIGHBORHOODS,
                    OutputLayout.METRICS,
                    checkpointDir);
            long started = System.nanoTime();
            try {
                query.awaitTermination();
            } catch (StreamingQueryException e) {
                throw SparkFailures.actionable(
                        e,
                        "The enrichment query failed (reading " + topic + ", writing " + output
                                + "; a restart resumes from the checkpoint)");
            }
            long queryEnded = System.nanoTime();
            totals.awaitTerminated(SUMMARY_WAIT);
            System.out.printf(
                    "enrich: done, %d record(s) in %d batch(es), %.1f s after the query started "
                            + "(%.1f s starting Spark and loading the reference tables before)%n",
                    totals.records(), totals.batches(), (queryEnded - started) / 1e9, (started - loading) / 1e9);
            return PopsurveyCommandLine.EXIT_OK;
        } finally {
            spark.stop();
        }
    }
}
