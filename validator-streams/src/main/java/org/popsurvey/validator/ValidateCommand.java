package org.popsurvey.validator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.cli.ConnectionOptions;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.deadletter.VersionProvider;
import org.popsurvey.ops.http.HttpOptions;
import org.popsurvey.registry.SchemaNotFoundException;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.registry.SchemaRegistryException;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.Topics;
import org.popsurvey.serde.AvroSerdeConfig;
import org.popsurvey.validator.metrics.ValidationCounters;
import org.popsurvey.validator.ops.ValidatorInfo;
import org.popsurvey.validator.ops.ValidatorOps;
import org.popsurvey.validator.resend.CleanTopicLoader;
import org.popsurvey.validator.rules.RecordLimits;
import org.popsurvey.validator.rules.RowValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./popsurvey validate}: the Kafka Streams validator, population.raw to population.clean
 * (valid records) and population.dlq (everything else, with the reasons in headers).
 *
 * <p>How to run: {@code ./popsurvey stack up}, then {@code ./popsurvey validate} (defaults reach the
 * local stack); stop with Ctrl-C. It creates missing topics, then runs until stopped, logging the
 * counts every {@code --stats-interval}. Exit code 0 after Ctrl-C, 1 if the app stopped on an error
 * (for example an unreachable schema registry; no record is dead-lettered for that, and a restart
 * resumes from the last committed offset).
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Validate raw population rows: valid ones to the clean topic, the rest to the dead-letter "
                + "topic with the reasons in headers. Runs until Ctrl-C.")
public final class ValidateCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ValidateCommand.class);

    @Mixin
    ConnectionOptions connection;

    @Mixin
    HttpOptions http;

    @Option(
            names = "--input-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.RAW,
            description = "Raw rows to validate (default: ${DEFAULT-VALUE}).")
    String inputTopic;

    @Option(
            names = "--clean-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.CLEAN,
            description = "Where valid PopulationRecords go, keyed by Id (default: ${DEFAULT-VALUE}).")
    String cleanTopic;

    @Option(
            names = "--dlq-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.DEAD_LETTER,
            description =
                    "Where rejected records go, raw bytes unchanged plus error headers (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            defaultValue = ValidatorSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application.id: consumer group and transactional id prefix "
                    + "(default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--max-neighborhood-length",
            paramLabel = "N",
            defaultValue = "" + RowValidator.DEFAULT_MAX_NEIGHBORHOOD_LENGTH,
            description = "Longest accepted neighborhood name, in characters (default: ${DEFAULT-VALUE}).")
    int maxNeighborhoodLength;

    @Option(
            names = "--max-value-bytes",
            paramLabel = "N",
            defaultValue = "" + RecordLimits.DEFAULT_MAX_VALUE_BYTES,
            description = "Largest raw value decoded, in bytes; larger ones are dead letters VALUE_TOO_LARGE "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxValueBytes;

    @Option(
            names = "--max-cells",
            paramLabel = "N",
            defaultValue = "" + RecordLimits.DEFAULT_MAX_CELLS,
            description = "Most cells on a line; more is TOO_MANY_CELLS (default: ${DEFAULT-VALUE}).")
    int maxCells;

    @Option(
            names = "--max-cell-length",
            paramLabel = "N",
            defaultValue = "" + RecordLimits.DEFAULT_MAX_CELL_LENGTH,
            description = "Longest cell, in characters; longer is CELL_TOO_LONG (default: ${DEFAULT-VALUE}).")
    int maxCellLength;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Kafka Streams state directory (default: Kafka Streams' own, under the system temp "
                    + "directory). The validator keeps no state there: its accepted Ids are rebuilt from the clean "
                    + "topic.")
    Path stateDir;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Stream threads (default: ${DEFAULT-VALUE}); more than the raw topic's partitions is useless.")
    int threads;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Partitions of topics this command creates (default: the input topic's count, or 1).")
    Integer partitions;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            description = "Replication factor of topics this command creates (default: the broker's default).")
    Short replicationFactor;

    @Option(
            names = "--stats-interval",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "How often to log the counts when they changed (default: ${DEFAULT-VALUE}).")
    Duration statsInterval;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the project's conventions. */
    public static CommandLine commandLine() {
        return PopsurveyCommandLine.create(new ValidateCommand());
    }

    @Override
    public Integer call() throws java.io.IOException {
        ValidatorSettings settings = settings();
        ValidationCounters counters = new ValidationCounters();
        ValidatorInfo info = new ValidatorInfo(
                settings.applicationId(),
                settings.applicationVersion(),
                settings.inputTopic(),
                settings.cleanTopic(),
                settings.deadLetterTopic(),
                settings.maxNeighborhoodLength());
        try (ValidatorOps ops = ValidatorOps.start(http, counters, info)) {
            return validate(settings, counters, ops);
        }
    }

    private int validate(ValidatorSettings settings, ValidationCounters counters, ValidatorOps ops) {
        Map<String, Object> clientConfig = connection.clientConfig();
        String bootstrap = (String) clientConfig.get(ConnectionOptions.BOOTSTRAP_SERVERS);
        try (Admin admin = Admin.create(clientConfig)) {
            TopicSetup.TopicFacts facts = new TopicSetup(admin, bootstrap)
                    .ensure(
                            settings.inputTopic(),
                            settings.cleanTopic(),
                            settings.deadLetterTopic(),
                            Optional.ofNullable(partitions),
                            Optional.ofNullable(replicationFactor));
            settings = settings.withTopicFacts(facts.partitions(), facts.deadLetterMaxBytes());
        }
        SchemaRegistryClient registry = reachableRegistry(clientConfig);
        governCleanSubject(registry, clientConfig, settings.cleanTopic());
        Topology topology =
                ValidatorTopology.build(settings, registry, clientConfig, counters, new CleanTopicLoader(clientConfig));
        log.info(
                "Validating {} -> {} (valid) and {} (rejected) as application {} (version {}), "
                        + "exactly_once_v2, names up to {} characters",
                settings.inputTopic(),
                settings.cleanTopic(),
                settings.deadLetterTopic(),
                settings.applicationId(),
                settings.applicationVersion(),
                settings.maxNeighborhoodLength());
        log.info(
                "Bounds: values up to {} bytes, {} cells, cells of {} characters; {} partition(s); dead letters up "
                        + "to {} bytes",
                settings.limits().maxValueBytes(),
                settings.limits().maxCells(),
                settings.limits().maxCellLength(),
                settings.partitions(),
                settings.deadLetterMaxBytes());
        return new ValidatorRunner(topology, streamsProperties(clientConfig, settings), counters, statsInterval)
                .observedBy(ops::attach)
                .runUntilStopped();
    }

    private ValidatorSettings settings() {
        try {
            return new ValidatorSettings(
                            inputTopic,
                            cleanTopic,
                            deadLetterTopic,
                            applicationId,
                            maxNeighborhoodLength,
                            VersionProvider.version())
                    .withLimits(new RecordLimits(maxValueBytes, maxCells, maxCellLength));
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** Fails at start, with the URL, rather than on the first record. */
    private static SchemaRegistryClient reachableRegistry(Map<String, Object> clientConfig) {
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(clientConfig);
        try {
            registry.subjects();
        } catch (SchemaRegistryException e) {
            throw new CommandFailedException(
                    "Schema registry at " + registry.url() + " is not usable: " + e.getMessage(), e);
        }
        return registry;
    }

    /**
     * Where the validator registers the clean schema itself, its subject follows the project's
     * BACKWARD rule, as the producer's raw subject does; where a platform team registers schemas
     * ({@code auto.register.schemas=false}) their settings stand, and the clean schema must be
     * registered already: checked here, so a missing one stops the start with one line rather than
     * the first clean record.
     */
    private static void governCleanSubject(
            SchemaRegistryClient registry, Map<String, Object> clientConfig, String cleanTopic) {
        String subject = AvroSerdeConfig.subjectFor(cleanTopic, false);
        AvroSerdeConfig serdeConfig = new AvroSerdeConfig(clientConfig);
        if (!serdeConfig.autoRegisterSchemas()) {
            try {
                int id = serdeConfig.useLatestVersion()
                        ? registry.latest(subject).id()
                        : registry.idOf(subject, PopulationRecord.getClassSchema());
                log.info("Clean records are written with schema id {} of subject {}", id, subject);
            } catch (SchemaNotFoundException e) {
                throw new CommandFailedException(e.getMessage(), e);
            }
        } else if (registry.ensureCompatibility(subject, SchemaRegistryClient.BACKWARD)) {
            log.info("Set compatibility of subject {} to {}", subject, SchemaRegistryClient.BACKWARD);
        }
    }

    /** processing.guarantee and the other settings that would break the accounting are refused by ConnectionOptions. */
    private Properties streamsProperties(Map<String, Object> clientConfig, ValidatorSettings settings) {
        return ValidatorTopology.streamsProperties(clientConfig, settings, threads, stateDir);
    }
}
