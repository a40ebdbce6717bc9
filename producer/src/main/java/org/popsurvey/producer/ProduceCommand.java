package org.popsurvey.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.popsurvey.cli.ConnectionOptions;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.Topics;
import org.popsurvey.serde.AvroSerdeConfig;
import org.popsurvey.serde.ConfluentAvroSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Streams total-population.csv to Kafka as Confluent-framed Avro, in paced batches.
 *
 * <p>How to run: {@code ./popsurvey stack up}, then
 * {@code ./popsurvey produce --input total-population.csv --interval 0}. Every data line becomes
 * one {@link RawPopulationRow} on {@code population.raw}, keyed by its Id cell's text. The run
 * exits 0 only if every line read was acknowledged by the broker.
 */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Send total-population.csv to Kafka as Avro rows, in paced batches.")
public final class ProduceCommand implements Callable<Integer> {

    /** Every row is acknowledged (or the run failed) before close, so this only bounds a failed run's exit. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "The total-population.csv file to send (RFC 4180; LF or CRLF; a BOM is allowed).")
    Path input;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.RAW,
            description = "Topic to send to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--batch-size",
            paramLabel = "ROWS",
            defaultValue = "100",
            description = "Rows per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description =
                    "Time from one batch's start to the next, e.g. 10s, 500ms; 0 = no pause (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(
            names = "--delivery-timeout",
            paramLabel = "DURATION",
            defaultValue = "2m",
            description =
                    "How long a row is retried (broker down, leader moving) before the run fails (default: ${DEFAULT-VALUE}).")
    Duration deliveryTimeout;

    public static void main(String[] args) {
        PopsurveyCommandLine.main(new ProduceCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        long total = PopulationCsvReader.countRecords(input);
        Map<String, Object> clientConfig = connection.clientConfig();
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(clientConfig);
        SchemaPreflight.prepare(registry, new AvroSerdeConfig(clientConfig), topic);
        TopicPreflight.ensureTopic(clientConfig, topic);

        String runId = UUID.randomUUID().toString();
        String sourceFile = input.toAbsolutePath().normalize().toString();
        spec.commandLine()
                .getErr()
                .printf(
                        "Sending %d rows of %s to %s on %s in batches of %d every %s (run %s)%n",
                        total, sourceFile, topic, connection.bootstrapServers(), batchSize, describe(interval), runId);
        ConfluentAvroSerializer<RawPopulationRow> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(clientConfig, false);
        ProduceSummary summary;
        try (PopulationCsvReader lines = PopulationCsvReader.open(input)) {
            KafkaProducer<String, RawPopulationRow> producer = new KafkaProducer<>(
                    ProducerSettings.build(clientConfig, deliveryTimeout), new StringSerializer(), serializer);
            try {
                summary = new PacedSender(producer, topic, batchSize, interval, deliveryTimeout)
                        .run(lines, new RawRowMapper(sourceFile, runId), total, runId);
            } finally {
                // Bounded: after a delivery failure, close() without a timeout can wait for a broker that is gone.
                producer.close(CLOSE_TIMEOUT);
            }
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "Done: %d data lines read, %d blank lines skipped, %d records acknowledged on %s "
                                + "in %d batches, %.1f s (%.0f rows/s), run %s%n",
                        summary.recordsRead(),
                        summary.blankLinesSkipped(),
                        summary.acknowledged(),
                        topic,
                        summary.batches(),
                        summary.elapsed().toMillis() / 1000.0,
                        summary.rowsPerSecond(),
                        runId);
        spec.commandLine().getOut().flush();
        return summary.acknowledged() == summary.recordsRead() ? 0 : 1;
    }

    private void checkOptions() {
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
        if (interval.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--interval must not be negative, got " + interval);
        }
        if (deliveryTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--delivery-timeout must be at least 2s, got " + deliveryTimeout);
        }
    }

    private static String describe(Duration interval) {
        return interval.isZero() ? "0 (no pause)" : interval.toMillis() + " ms";
    }
}
