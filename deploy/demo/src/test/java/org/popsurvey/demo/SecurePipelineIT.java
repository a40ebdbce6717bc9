package org.popsurvey.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.dlq.DlqCommand;
import org.popsurvey.producer.ProduceCommand;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.Topics;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.Directories;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.stack.secure.Principal;
import org.popsurvey.stack.secure.SecureStack;
import org.popsurvey.validator.TopicSetup;

/**
 * The whole pipeline on the secured stack ({@code stack up --secure}): produce, validate,
 * {@code enrich --once}, {@code dlq list} and {@code dlq replay}, each command with its own
 * principal's properties file and nothing else; then every refusal the ACLs and registry roles
 * owe, each one line with exit 1; then no password in any output or log of the run.
 *
 * <p>{@code enrich --once} runs Spark in local mode: its executors are threads of the enricher's
 * JVM, so their Kafka consumers get the SASL settings exactly as the driver does (docs/security.md
 * says how {@code spark-submit} ships them to a cluster).
 */
class SecurePipelineIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    /** What Kafka's refusals say (TopicAuthorizationException, ClusterAuthorizationException). */
    private static final String NOT_AUTHORIZED = "authoriz";
    /** Spark's start and first batches; generous, for a busy 2-core machine. */
    private static final Duration ENRICH_TIMEOUT = Duration.ofMinutes(10);

    private static Path dir;
    private static LocalStack stack;
    private static SecureStack secure;
    /** As admin. */
    private static SchemaRegistryClient registry;

    private static DemoData data;
    private static ManagedProcess validator;
    /** Everything the commands printed, for the final grep. */
    private static final StringBuilder outputs = new StringBuilder();

    @BeforeAll
    static void startTheSecuredStackAndTheValidator() throws Exception {
        dir = Files.createTempDirectory("popsurvey-secure-pipeline-");
        stack = LocalStack.startOnFreePorts(
                StackSettings.builder(dir.resolve("stack"))
                        .launchMode(LaunchMode.TIED)
                        .secure(true),
                Runtimes.locate(RepoRoot.find()));
        secure = stack.secure().orElseThrow();
        // The platform team's part, as admin: the topics and the contracts (clients only look schemas up).
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createTopics(Stream.of(Topics.RAW, Topics.CLEAN, Topics.DEAD_LETTER)
                            .map(topic -> new NewTopic(topic, 1, (short) 1)
                                    .configs(topic.equals(Topics.CLEAN) ? TopicSetup.CLEAN_TOPIC_CONFIG : Map.of()))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        registry = SchemaRegistryClient.fromConfig(ClientFiles.load(secure.clientConfig(Principal.ADMIN)));
        registry.register(Topics.RAW + "-value", RawPopulationRow.getClassSchema());
        registry.register(Topics.CLEAN + "-value", PopulationRecord.getClassSchema());

        data = DemoData.generate(dir.resolve("input"), 91, 42);
        int httpPort = Ports.freePorts(1).get(0);
        validator = new ManagedProcess("validate", dir);
        validator.start(
                PipelineProcess.VALIDATOR.javaCommand(
                        RepoRoot.find(),
                        List.of(
                                "--config", config(Principal.VALIDATOR),
                                "--state-dir", dir.resolve("validator-state").toString(),
                                "--http-port", Integer.toString(httpPort),
                                "--http-host", "127.0.0.1")),
                LaunchMode.TIED);
        awaitReady(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"));
    }

    @AfterAll
    static void stop() {
        if (validator != null) {
            validator.stop();
        }
        if (stack != null) {
            stack.stop();
        }
        if (dir != null) {
            Directories.deleteRecursively(dir);
        }
    }

    @Test
    void eachCommandWithItsOwnPrincipalRunsThePipelineAndEachOverreachIsRefusedInOneLine() throws Exception {
        // produce, as producer: 91 rows and the generated malformed ones.
        Run produced = run(
                new ProduceCommand(),
                "--config",
                config(Principal.PRODUCER),
                "--input",
                data.populationFile().toString(),
                "--interval",
                "0");
        assertThat(produced.exit).as(produced.err).isZero();
        int rows = 91 + data.malformedRows();
        assertThat(produced.out).contains(rows + " records acknowledged");
        awaitCounts(91, data.malformedRows());

        // enrich --once, as enricher: every clean record in Parquet, values as in the CSV.
        Path parquet = dir.resolve("parquet");
        ManagedProcess enrich = new ManagedProcess("enrich", dir);
        enrich.runToCompletion(
                "enrich --once",
                PipelineProcess.ENRICHER.javaCommand(
                        RepoRoot.find(),
                        List.of(
                                "--config",
                                config(Principal.ENRICHER),
                                "--reference-dir",
                                data.directory().toString(),
                                "--output",
                                parquet.toString(),
                                "--checkpoint",
                                dir.resolve("checkpoint").toString(),
                                "--once")),
                ENRICH_TIMEOUT);
        ParquetOutput output = new ParquetOutput(parquet);
        List<Map<String, String>> neighborhoods = output.read(output.neighborhoods());
        Map<String, String[]> csv = populationById(data.populationFile());
        assertThat(neighborhoods).hasSize(91);
        for (Map<String, String> row : neighborhoods) {
            String[] cells = csv.get(row.get("neighborhood_id"));
            assertThat(row.get("neighborhood")).isEqualTo(cells[0]);
            assertThat(Long.parseLong(row.get("population"))).isEqualTo((long) Double.parseDouble(cells[2]));
        }

        // dlq list, as dlq-reader: each dead letter with its code.
        Run listed = run(new DlqCommand(), "list", "--config", config(Principal.DLQ_READER));
        assertThat(listed.exit).as(listed.err).isZero();
        assertThat(listed.out)
                .contains(data.malformedRows() + " of " + data.malformedRows() + " matching dead letters")
                .contains("ESTIMATE_NOT_WHOLE", "CELL_COUNT_MISMATCH", "ESTIMATE_NEGATIVE", "NEIGHBORHOOD_EMPTY");

        // dlq replay, refused to dlq-reader, done by dlq-operator: the rows fail again, as dead letters.
        Run readerReplays = run(new DlqCommand(), "replay", "--all", "--config", config(Principal.DLQ_READER));
        assertOneLineRefusal(readerReplays, NOT_AUTHORIZED);
        Run replayed = run(new DlqCommand(), "replay", "--all", "--config", config(Principal.DLQ_OPERATOR));
        assertThat(replayed.exit).as(replayed.err).isZero();
        awaitCounts(91, 2L * data.malformedRows());

        // The producer writing to the clean topic. Its schema is first registered under the clean
        // subject too, so the registry lookup passes and the broker's ACL is what refuses.
        registry.register(Topics.CLEAN + "-value", RawPopulationRow.getClassSchema());
        assertOneLineRefusal(
                run(
                        new ProduceCommand(),
                        "--config",
                        config(Principal.PRODUCER),
                        "--input",
                        data.populationFile().toString(),
                        "--interval",
                        "0",
                        "--topic",
                        Topics.CLEAN),
                NOT_AUTHORIZED);
        // The enricher writing anywhere: to the raw topic, or by replaying dead letters.
        assertOneLineRefusal(
                run(
                        new ProduceCommand(),
                        "--config",
                        config(Principal.ENRICHER),
                        "--input",
                        data.populationFile().toString(),
                        "--interval",
                        "0"),
                NOT_AUTHORIZED);
        assertOneLineRefusal(
                run(new DlqCommand(), "replay", "--all", "--config", config(Principal.ENRICHER)), NOT_AUTHORIZED);

        // No credentials, a wrong password: refused by the broker.
        Path anonymous = variant(Principal.DLQ_READER, "anonymous", config -> {
            config.remove("security.protocol");
            config.remove("sasl.mechanism");
            config.remove("sasl.jaas.config");
        });
        assertOneLineFailure(run(new DlqCommand(), "list", "--config", anonymous.toString()));
        Path wrongPassword = variant(
                Principal.PRODUCER,
                "wrong-password",
                config -> config.put(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"producer\" "
                                + "password=\"not-the-password\";"));
        assertOneLineFailure(run(
                new ProduceCommand(),
                "--config",
                wrongPassword.toString(),
                "--input",
                data.populationFile().toString(),
                "--interval",
                "0"));

        // A component registering a schema: only admin registers.
        Path registering =
                variant(Principal.PRODUCER, "registering", config -> config.put("auto.register.schemas", "true"));
        assertOneLineRefusal(
                run(
                        new ProduceCommand(),
                        "--config",
                        registering.toString(),
                        "--input",
                        data.populationFile().toString(),
                        "--interval",
                        "0"),
                "user 'producer'");

        // After all of it, still exactly 91 clean records: nothing refused got through.
        awaitCounts(91, 2L * data.malformedRows());
        noPasswordAnywhere();
    }

    private void noPasswordAnywhere() throws IOException {
        Properties secrets =
                ClientFiles.load(dir.resolve("stack").resolve(SecureStack.DIR).resolve("secrets.properties"));
        List<String> passwords = secrets.values().stream().map(String::valueOf).toList();
        assertThat(passwords).hasSize(Principal.values().length + 2);
        List<Path> logs;
        // Every process log and every Kafka log segment (the records themselves), read as bytes.
        try (Stream<Path> files = Files.walk(dir)) {
            logs = files.filter(file -> file.toString().endsWith(".log")).toList();
        }
        assertThat(logs).hasSizeGreaterThanOrEqualTo(4);
        for (String password : passwords) {
            assertThat(outputs.toString()).doesNotContain(password);
            for (Path log : logs) {
                assertThat(Files.readString(log, StandardCharsets.ISO_8859_1))
                        .as(log.toString())
                        .doesNotContain(password);
            }
        }
    }

    private static void assertOneLineRefusal(Run run, String naming) {
        assertOneLineFailure(run);
        assertThat(run.err).as(run.err).containsIgnoringCase(naming);
    }

    private static void assertOneLineFailure(Run run) {
        assertThat(run.exit).as(run.err).isEqualTo(1);
        assertThat(run.err.strip().lines().filter(line -> line.startsWith("error:")))
                .as(run.err)
                .hasSize(1);
        assertThat(run.err).as("no stack trace").doesNotContain("\tat ");
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = PopsurveyCommandLine.create(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        outputs.append(out).append(err);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String config(Principal principal) {
        return secure.clientConfig(principal).toString();
    }

    /** A copy of {@code principal}'s file, changed. */
    private static Path variant(Principal principal, String name, java.util.function.Consumer<Properties> change)
            throws IOException {
        Properties config = ClientFiles.load(secure.clientConfig(principal));
        change.accept(config);
        Path file = dir.resolve(name + ".properties");
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            config.store(writer, null);
        }
        return file;
    }

    private static Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(secure.kafkaClientConfig(Principal.ADMIN));
        config.put("bootstrap.servers", stack.bootstrapServers());
        return config;
    }

    /** Waits until the clean and dead-letter topics hold exactly these many committed records. */
    private static void awaitCounts(long clean, long deadLetters) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long[] counts = {-1, -1};
        while (System.nanoTime() < deadline) {
            counts[0] = count(Topics.CLEAN);
            counts[1] = count(Topics.DEAD_LETTER);
            if (counts[0] == clean && counts[1] == deadLetters) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(counts).as("clean records and dead letters").containsExactly(clean, deadLetters);
    }

    private static long count(String topic) {
        Map<String, Object> config = adminConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long records = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                records += consumer.poll(Duration.ofMillis(500)).count();
            }
            return records;
        }
    }

    private static void awaitReady(URI health) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            validator
                    .running()
                    .orElseThrow(() -> new AssertionError(
                            "validate exited: " + validator.log().describe()));
            Thread.sleep(500);
        }
        throw new AssertionError(
                "validate not ready within " + TIMEOUT + ": " + validator.log().describe());
    }

    private static Map<String, String[]> populationById(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        return lines.subList(1, 92).stream()
                .map(line -> line.replace("\r", "").split(",", -1))
                .collect(Collectors.toMap(cells -> cells[1], cells -> cells));
    }
}
