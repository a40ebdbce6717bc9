package org.popsurvey.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.datagen.DatagenCommand;
import org.popsurvey.producer.CsvLine;
import org.popsurvey.producer.PopulationCsvReader;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemaadmin.SchemasCommand;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.serde.ConfluentAvroSerializer;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.testkit.RealKafkaStack;
import picocli.CommandLine;

/**
 * A schema change rolled out as a governed shop does it, on the real broker, registry, Kafka
 * Streams and Spark: the platform team registers version 2 of RawPopulationRow (an optional
 * field with a default) with {@code schemas register}; clients that do not register schemas
 * ({@code auto.register.schemas=false}) write rows of versions 1 and 2 interleaved; the validator
 * and the enricher, both built on version 1, turn every row into the same clean record and
 * Parquet values; an incompatible version 3 is refused by {@code schemas check} and the registry.
 *
 * <p>Version 2 and 3 are test fixtures ({@code src/test/resources/evolution}), not the contract:
 * what is shown is that today's readers take a compatible change they do not know yet.
 */
class SchemaEvolutionIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static final Path FIXTURES = RepoRoot.find().resolve("deploy/demo/src/test/resources/evolution");
    private static final String SURVEY = "ACS 2015 5-year";

    @TempDir
    Path dir;

    private final long started = System.nanoTime();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String raw = "evolution-raw-" + run;
    private final String clean = "evolution-clean-" + run;
    private final String dlq = "evolution-dlq-" + run;

    @Test
    void rowsOfTwoSchemaVersionsInterleaveAndBothReachCleanRecordsAndParquetWhileAThirdIsRefused() throws Exception {
        STACK.createTopic(raw, 2);
        Path data = dir.resolve("data");
        assertThat(PopsurveyCommandLine.execute(
                        new DatagenCommand(), "--out", data.toString(), "--neighborhoods", "12"))
                .isZero();
        List<CsvLine> lines = readPopulation(data.resolve(SourceFile.TOTAL_POPULATION.fileName()));
        assertThat(lines).hasSize(12);

        // The platform team: version 1 (the built-in contracts), then version 2.
        assertThat(schemas("register").exit).isZero();
        Result v2 = schemas("register", "--contracts", FIXTURES.resolve("v2").toString());
        assertThat(v2.exit).as(v2.all()).isZero();
        assertThat(v2.out)
                .contains(raw + "-value: registered " + FIXTURES.resolve("v2/RawPopulationRow.avsc") + " as version 2");
        phase("versions 1 and 2 registered");

        // Clients that only look schemas up, one on each version, rows alternating.
        Schema version2 = fixture("v2");
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(registryConfig());
        int v1Id = registry.lookup(raw + "-value", RawPopulationRow.getClassSchema())
                .id();
        int v2Id = registry.lookup(raw + "-value", version2).id();
        assertThat(v2Id).isNotEqualTo(v1Id);
        Map<String, Integer> writerIdById = new LinkedHashMap<>();
        try (KafkaProducer<String, GenericRecord> producer = producer()) {
            for (CsvLine line : lines) {
                boolean second = line.lineNumber() % 2 == 0;
                GenericRecord row = second ? new GenericData.Record(version2) : new RawPopulationRow();
                fill(row, line);
                if (second) {
                    row.put("survey", SURVEY);
                }
                producer.send(new ProducerRecord<>(raw, line.cells().get(1), row))
                        .get();
                writerIdById.put(line.cells().get(1), second ? v2Id : v1Id);
            }
        }
        assertThat(rawSchemaIds()).isEqualTo(writerIdById);
        assertThat(writerIdById.values()).containsOnly(v1Id, v2Id).contains(v1Id, v2Id);
        phase("rows of both versions written");

        // The validator, a real process, also without registering anything.
        Path config = Files.writeString(dir.resolve("client.properties"), "auto.register.schemas=false\n");
        ManagedProcess validator = new ManagedProcess("validate", dir);
        Map<String, PopulationRecord> cleanById;
        try {
            validator.start(
                    PipelineProcess.VALIDATOR.javaCommand(
                            RepoRoot.find(),
                            List.of(
                                    "--bootstrap-servers",
                                    STACK.bootstrapServers(),
                                    "--schema-registry-url",
                                    STACK.schemaRegistryUrl(),
                                    "--config",
                                    config.toString(),
                                    "--input-topic",
                                    raw,
                                    "--clean-topic",
                                    clean,
                                    "--dlq-topic",
                                    dlq,
                                    "--application-id",
                                    "evolution-" + run,
                                    "--state-dir",
                                    dir.resolve("state").toString())),
                    LaunchMode.TIED);
            cleanById = awaitCleanRecords(lines.size(), validator);
            phase("validator: every row a clean record");
        } finally {
            validator.stop();
        }
        phase("validator stopped");
        for (CsvLine line : lines) {
            List<String> cells = line.cells();
            PopulationRecord record = cleanById.get(cells.get(1));
            assertThat(record).as("clean record of line " + line.lineNumber()).isNotNull();
            assertThat(record.getNeighborhood()).isEqualTo(cells.get(0));
            assertThat(record.getEstimate()).isEqualTo((long) Double.parseDouble(cells.get(2)));
            assertThat(record.getLineage().getLineNumber()).isEqualTo(line.lineNumber());
        }

        // The enricher, a real Spark process, once over the clean topic.
        Path output = dir.resolve("out");
        new ManagedProcess("enrich", dir)
                .runToCompletion(
                        "enrich --once",
                        PipelineProcess.ENRICHER.javaCommand(
                                RepoRoot.find(),
                                List.of(
                                        "--bootstrap-servers",
                                        STACK.bootstrapServers(),
                                        "--schema-registry-url",
                                        STACK.schemaRegistryUrl(),
                                        "--topic",
                                        clean,
                                        "--reference-dir",
                                        data.toString(),
                                        "--output",
                                        output.toString(),
                                        "--once")),
                        Duration.ofMinutes(4));
        phase("enricher --once done");
        ParquetOutput parquet = new ParquetOutput(output);
        Map<String, Map<String, String>> byId = parquet.read(parquet.neighborhoods()).stream()
                .collect(Collectors.toMap(row -> row.get("neighborhood_id"), row -> row));
        assertThat(byId).hasSize(lines.size());
        for (CsvLine line : lines) {
            List<String> cells = line.cells();
            Map<String, String> row = byId.get(cells.get(1));
            assertThat(row.get("neighborhood")).isEqualTo(cells.get(0));
            assertThat(Long.parseLong(row.get("population"))).isEqualTo((long) Double.parseDouble(cells.get(2)));
        }

        // Version 3 adds a required field: refused by the check and by the registry, the field named.
        Path v3 = FIXTURES.resolve("v3");
        Result check = schemas("check", "--contracts", v3.toString());
        assertThat(check.exit).as(check.all()).isEqualTo(1);
        assertThat(check.out)
                .contains(raw + "-value: " + v3.resolve("RawPopulationRow.avsc")
                        + " is INCOMPATIBLE under BACKWARD with version 2:")
                .contains("  - field survey_year: has no default value");
        Result refused = schemas("register", "--contracts", v3.toString());
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.err.lines().filter(l -> l.startsWith("error:")))
                .singleElement()
                .asString()
                .contains("HTTP 409")
                .contains("field survey_year");
        assertThat(registry.versions(raw + "-value")).containsExactly(1, 2);
    }

    /** Where the time goes, in the test's output (the CI budget for this test is about 3 minutes). */
    private void phase(String what) {
        System.out.printf("[SchemaEvolutionIT] %s after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    private Map<String, Object> registryConfig() {
        return Map.of("schema.registry.url", STACK.schemaRegistryUrl());
    }

    private KafkaProducer<String, GenericRecord> producer() {
        Map<String, Object> config = new HashMap<>(registryConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        config.put("auto.register.schemas", "false");
        ConfluentAvroSerializer<GenericRecord> values = new ConfluentAvroSerializer<>();
        values.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    private void fill(GenericRecord row, CsvLine line) {
        List<String> cells = line.cells();
        row.put("neighborhood", cells.get(0));
        row.put("id", cells.get(1));
        row.put("estimate", cells.get(2));
        row.put("margin_of_error", cells.get(3));
        row.put("extra_cells", List.of());
        SourceLineage lineage = new SourceLineage(
                SourceFile.TOTAL_POPULATION.fileName(), line.lineNumber(), 1, run, java.time.Instant.now());
        if (row instanceof RawPopulationRow specific) {
            specific.setLineage(lineage);
        } else {
            // A generic writer has no logical-type conversions: the timestamp is its long.
            GenericRecord generic = new GenericData.Record(SourceLineage.getClassSchema());
            for (Schema.Field field : SourceLineage.getClassSchema().getFields()) {
                generic.put(field.pos(), lineage.get(field.pos()));
            }
            generic.put("read_timestamp", lineage.getReadTimestamp().toEpochMilli());
            row.put("lineage", generic);
        }
    }

    /** The fixture as clients compile it: SourceLineage is the built-in named type. */
    private static Schema fixture(String version) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.addTypes(Map.of(SourceLineage.getClassSchema().getFullName(), SourceLineage.getClassSchema()));
        return parser.parse(
                FIXTURES.resolve(version).resolve("RawPopulationRow.avsc").toFile());
    }

    private static List<CsvLine> readPopulation(Path file) {
        List<CsvLine> lines = new ArrayList<>();
        try (PopulationCsvReader reader = PopulationCsvReader.open(file)) {
            reader.forEachRemaining(lines::add);
        }
        return lines;
    }

    /** The writer schema id of every raw record, by key, read back from the topic's bytes. */
    private Map<String, Integer> rawSchemaIds() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(raw, 12, Duration.ofSeconds(30))) {
            ids.put(
                    new String(record.key(), java.nio.charset.StandardCharsets.UTF_8),
                    ByteBuffer.wrap(record.value(), 1, 4).getInt());
        }
        return ids.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Integer::parseInt)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private Map<String, PopulationRecord> awaitCleanRecords(int expected, ManagedProcess validator) {
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(registryConfig());
        ConfluentAvroDecoder<PopulationRecord> decoder =
                ConfluentAvroDecoder.specific(registry, PopulationRecord.getClassSchema());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            if (validator.running().isEmpty()) {
                throw new AssertionError(
                        "the validator stopped: " + validator.log().describe());
            }
            List<ConsumerRecord<byte[], byte[]>> records = readAll(clean, expected, Duration.ofSeconds(5));
            if (records.size() >= expected) {
                Map<String, PopulationRecord> byId = new HashMap<>();
                records.forEach(r -> byId.put(
                        new String(r.key(), java.nio.charset.StandardCharsets.UTF_8), decoder.decode(r.value())));
                assertThat(readAll(dlq, 0, Duration.ofSeconds(1)))
                        .as("dead letters")
                        .isEmpty();
                return byId;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + records.size() + " of " + expected + " clean records within 2 "
                        + "minutes; " + validator.log().describe());
            }
        }
    }

    /** Committed records of a topic (no consumer group), until {@code expected} are read or the wait ends. */
    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration wait) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of()).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                sleep(wait.compareTo(Duration.ofSeconds(1)) < 0 ? wait : Duration.ofSeconds(1));
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            while (records.size() < Math.max(expected, 1) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Result schemas(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--schema-registry-url", STACK.schemaRegistryUrl(), "--raw-topic", raw, "--clean-topic", clean));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = SchemasCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }
}
