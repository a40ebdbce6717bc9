package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.testkit.RealKafkaStack;
import org.popsurvey.testkit.SharedData;
import org.popsurvey.validator.metrics.TaskMetrics;
import org.popsurvey.validator.metrics.ValidationCounters;
import org.popsurvey.validator.resend.CleanTopicLoader;

/**
 * The validator on the real broker and registry: the 91 real rows, the malformed corpus, a repeated
 * producer run and two conflicting rows go through, and {@code input = clean + dead letters +
 * absorbed re-sends} holds exactly; then the dlq tools run against what it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidatorIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RERUN_ROWS = 10;
    private static final String REPLAY_NAME = "Replay Heights";
    private static final int REPLAY_ID = 500;

    @TempDir
    Path stateDir;

    private final String prefix = "validator-it-" + UUID.randomUUID().toString().substring(0, 8);
    private ValidatorSettings settings = ValidatorSettings.defaults()
            .withTopics(prefix + ".raw", prefix + ".clean", prefix + ".dlq")
            .withApplicationId(prefix);
    private final ValidationCounters counters = new ValidationCounters();
    /** What each input record must become, by its raw partition:offset. */
    private final Map<String, List<String>> expectedCodes = new LinkedHashMap<>();

    private final List<String> expectedClean = new ArrayList<>();
    private int expectedAbsorbed;
    private int inputs;
    private RawRecords raw;
    private KafkaStreams streams;

    @BeforeAll
    void runTheValidatorOverRealAndMalformedRows() throws Exception {
        raw = new RawRecords(STACK.schemaRegistryUrl());
        STACK.createTopic(settings.inputTopic(), 3);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.bootstrapServers()))) {
            TopicSetup.TopicFacts facts = new TopicSetup(admin, STACK.bootstrapServers())
                    .ensure(
                            settings.inputTopic(),
                            settings.cleanTopic(),
                            settings.deadLetterTopic(),
                            Optional.empty(),
                            Optional.empty());
            settings = settings.withTopicFacts(facts.partitions(), facts.deadLetterMaxBytes());
        }
        List<CSVRecord> realRows = realRows();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (CSVRecord row : realRows) {
                send(producer, row.get(1), realRow(row, "run-A"), List.of(), true);
            }
            for (RowCorpus.Case row : RowCorpus.load()) {
                byte[] value = row.isRow()
                        ? raw.encode(settings.inputTopic(), row.row())
                        : row.valueKind() != null
                                ? raw.poisonPill(row.valueKind(), settings.inputTopic())
                                : row.literalValue();
                // Valid corpus rows with a real Id copy the published row: identical re-sends.
                boolean isRealId = row.isValid() && row.clean().id() <= 91;
                if (isRealId) {
                    expectedAbsorbed++;
                }
                send(
                        producer,
                        row.keyBytes(),
                        value,
                        row.expect(),
                        row.isValid() && !isRealId,
                        row.isValid() ? row.clean().id() : 0);
            }
            for (CSVRecord row : realRows.subList(0, RERUN_ROWS)) { // the producer run repeated
                send(producer, row.get(1), realRow(row, "run-B"), List.of(), false);
            }
            send(
                    producer,
                    "1",
                    RawRecords.row("Allegheny Center", "1", "9999", "196", "run-C", 2),
                    List.of("CONFLICTING_RESEND"),
                    false);
            send(
                    producer,
                    "2",
                    RawRecords.row("Allegheny East", "2", "343", "96", "run-C", 3),
                    List.of("CONFLICTING_RESEND"),
                    false);
            send(
                    producer,
                    Integer.toString(REPLAY_ID),
                    RawRecords.row(REPLAY_NAME, Integer.toString(REPLAY_ID), "1,234", "56", "run-C", 4),
                    List.of("ESTIMATE_NOT_A_NUMBER"),
                    false);
        }
        expectedAbsorbed += RERUN_ROWS;

        Map<String, Object> clientConfig =
                Map.of("bootstrap.servers", STACK.bootstrapServers(), "schema.registry.url", STACK.schemaRegistryUrl());
        streams = new KafkaStreams(
                ValidatorTopology.build(
                        settings, raw.registry(), raw.serdeConfig(), counters, new CleanTopicLoader(clientConfig)),
                ValidatorTopology.streamsProperties(clientConfig, settings, 1, stateDir));
        streams.start();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> committed(settings.cleanTopic()).size()
                                + committed(settings.deadLetterTopic()).size()
                                + counters.snapshot().absorbed()
                        >= inputs);
    }

    @AfterAll
    void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(1)
    void everyInputIsCleanDeadLetteredOrAbsorbedExactlyOnce() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> clean = committed(settings.cleanTopic());
        List<ConsumerRecord<byte[], byte[]>> deadLetters = committed(settings.deadLetterTopic());
        long absorbed = (long) jmxTotal("absorbed-total");

        assertThat(clean.size() + deadLetters.size() + absorbed).isEqualTo(inputs);
        assertThat(clean).hasSize(expectedClean.size());
        assertThat(deadLetters).hasSize(expectedCodes.size());
        assertThat(absorbed).isEqualTo(expectedAbsorbed);
        assertThat((long) jmxTotal("processed-total")).isEqualTo(inputs);

        ConfluentAvroDecoder<PopulationRecord> decoder =
                ConfluentAvroDecoder.specific(raw.registry(), PopulationRecord.getClassSchema());
        Map<String, PopulationRecord> cleanByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : clean) {
            PopulationRecord value = decoder.decode(record.value());
            String key = new String(record.key(), StandardCharsets.UTF_8);
            assertThat(key).isEqualTo(Integer.toString(value.getId()));
            assertThat(cleanByKey.put(key, value)).as("Id %s once", key).isNull();
        }
        assertThat(cleanByKey.keySet()).containsExactlyInAnyOrderElementsOf(expectedClean);
        assertThat(cleanByKey.get("3").getEstimate()).isEqualTo(2558L);
        assertThat(cleanByKey.get("1").getEstimate())
                .as("the first accepted row stands")
                .isEqualTo(1411L);
        assertThat(cleanByKey.get("1").getLineage().getProducerRunId()).isEqualTo("run-A");

        for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
            String source = header(letter, DeadLetterHeaders.SOURCE_PARTITION) + ":"
                    + header(letter, DeadLetterHeaders.SOURCE_OFFSET);
            assertThat(expectedCodes).containsKey(source);
            assertThat(header(letter, DeadLetterHeaders.CODES))
                    .as("dead letter of raw %s", source)
                    .isEqualTo(String.join(",", expectedCodes.get(source)));
            assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(settings.inputTopic());
        }
        assertThat(deadLetters.stream()
                        .map(l -> header(l, DeadLetterHeaders.SOURCE_PARTITION) + ":"
                                + header(l, DeadLetterHeaders.SOURCE_OFFSET))
                        .distinct())
                .hasSize(deadLetters.size());
    }

    @Test
    @Order(2)
    void dlqStatsCountsEachCode() throws Exception {
        DlqRun run = DlqRun.of(dlqArgs("stats", "--json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode stats = JSON.readTree(run.out());
        assertThat(stats.get("dead_letters").asInt()).isEqualTo(expectedCodes.size());
        Map<String, Long> expectedByCode = expectedCodes.values().stream()
                .flatMap(List::stream)
                .collect(Collectors.groupingBy(code -> code, Collectors.counting()));
        Map<String, Long> actual = new HashMap<>();
        stats.get("codes")
                .forEach(node -> actual.put(
                        node.get("code").asText(), node.get("records").asLong()));
        assertThat(actual).isEqualTo(expectedByCode);
        stats.get("codes")
                .forEach(node -> assertThat(node.get("meaning").asText()).isNotBlank());

        DlqRun text = DlqRun.of(dlqArgs("stats", "--code", "CONFLICTING_RESEND"));
        assertThat(text.out())
                .contains("Dead letters in " + settings.deadLetterTopic() + ": 2 matching")
                .contains("CONFLICTING_RESEND")
                .contains("A valid row whose Id was already accepted");
    }

    @Test
    @Order(3)
    void dlqShowDecodesTheRawRowAndListsEveryHeader() throws Exception {
        String where = deadLetterPosition("ESTIMATE_NOT_A_NUMBER", REPLAY_NAME);
        DlqRun text = DlqRun.of(dlqArgs("show", where));
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("ESTIMATE_NOT_A_NUMBER  estimate '1,234': thousands separators are not accepted; write 1234")
                .contains("neighborhood     '" + REPLAY_NAME + "'")
                .contains("estimate         '1,234'")
                .contains("Producer:       total-population.csv line 4, batch 1, run run-C")
                .contains("decoded through " + STACK.schemaRegistryUrl());
        for (String header : List.of(
                DeadLetterHeaders.SOURCE_TOPIC,
                DeadLetterHeaders.SOURCE_OFFSET,
                DeadLetterHeaders.MESSAGE,
                DeadLetterHeaders.CODES,
                DeadLetterHeaders.DETAILS,
                DeadLetterHeaders.APPLICATION_VERSION,
                DeadLetterHeaders.PRODUCER_LINE)) {
            assertThat(text.out()).contains("    " + header + ": ");
        }
        JsonNode json =
                JSON.readTree(DlqRun.of(dlqArgs("show", where, "--json")).out());
        assertThat(json.at("/raw/row/estimate").asText()).isEqualTo("1,234");
        assertThat(json.at("/raw/row/lineage/line_number").asLong()).isEqualTo(4);
        assertThat(json.at("/problems/0/code").asText()).isEqualTo("ESTIMATE_NOT_A_NUMBER");

        DlqRun pill = DlqRun.of(dlqArgs("show", deadLetterPosition("NOT_CONFLUENT_AVRO", "{\"Neighborhood\"")));
        assertThat(pill.out()).contains("does not decode").contains("as text: '{\"Neighborhood\"");

        DlqRun missing = DlqRun.of(dlqArgs("show", "0:999999"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err())
                .contains("No dead letter at " + settings.deadLetterTopic() + " partition 0 offset 999999");
    }

    @Test
    @Order(4)
    void dlqListPagesAndFilters() {
        DlqRun page = DlqRun.of(dlqArgs("list", "--code", "UNDECODABLE_AVRO", "--page-size", "3"));
        assertThat(page.out())
                .contains("Page 1 of 2: 3 of 4 matching dead letters")
                .contains("Next: --page 2");
        DlqRun second = DlqRun.of(dlqArgs("list", "--code", "UNDECODABLE_AVRO", "--page-size", "3", "--page", "2"));
        assertThat(second.out()).contains("Page 2 of 2: 1 of 4 matching");
        DlqRun future = DlqRun.of(dlqArgs("list", "--since", "2999-01-01"));
        assertThat(future.out()).contains("No dead letters match");
        DlqRun typo = DlqRun.of(dlqArgs("list", "--code", "ESTIMATE_NOT_A_NUMBR"));
        assertThat(typo.exitCode()).isNotZero();
        assertThat(typo.err()).contains("expected one of").contains("ESTIMATE_NOT_A_NUMBR");
        assertThat(DlqRun.of(dlqArgs("list", "--code", "undecodable_avro")).out())
                .contains("4 matching");
    }

    @Test
    @Order(5)
    void replayingTheSameFixedDeadLetterTwiceMakesOneCleanRecord() throws Exception {
        String where = deadLetterPosition("ESTIMATE_NOT_A_NUMBER", REPLAY_NAME);
        int rawBefore = committed(settings.inputTopic()).size();
        DlqRun dryRun = DlqRun.of(dlqArgs("replay", where, "--set", "estimate=1234", "--dry-run"));
        assertThat(dryRun.out())
                .contains("would replay " + settings.deadLetterTopic() + ":" + where + " -> " + settings.inputTopic()
                        + " (key '500', was ESTIMATE_NOT_A_NUMBER; set estimate='1234')");
        assertThat(committed(settings.inputTopic())).hasSize(rawBefore);

        for (int attempt = 1; attempt <= 2; attempt++) {
            DlqRun replay = DlqRun.of(dlqArgs("replay", where, "--set", "estimate=1234"));
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(replay.out()).contains("replayed " + settings.deadLetterTopic() + ":" + where);
        }
        // The first copy is accepted, the second absorbed as an identical re-send.
        await().atMost(Duration.ofSeconds(60)).until(() -> counters.snapshot().absorbed() == expectedAbsorbed + 1);

        List<ConsumerRecord<byte[], byte[]>> replayed = committed(settings.inputTopic()).stream()
                .filter(r -> r.headers().lastHeader(DeadLetterHeaders.REPLAY_OF) != null)
                .toList();
        assertThat(replayed).hasSize(2).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.REPLAY_OF)).isEqualTo(settings.deadLetterTopic() + ":" + where);
            assertThat(header(r, DeadLetterHeaders.REPLAY_CODES)).isEqualTo("ESTIMATE_NOT_A_NUMBER");
            assertThat(r.headers().lastHeader(DeadLetterHeaders.CODES))
                    .as("old error headers dropped")
                    .isNull();
        });
        ConfluentAvroDecoder<PopulationRecord> decoder =
                ConfluentAvroDecoder.specific(raw.registry(), PopulationRecord.getClassSchema());
        List<PopulationRecord> replayedClean = committed(settings.cleanTopic()).stream()
                .map(r -> decoder.decode(r.value()))
                .filter(r -> r.getId() == REPLAY_ID)
                .toList();
        assertThat(replayedClean).singleElement().satisfies(r -> {
            assertThat(r.getEstimate()).isEqualTo(1234L);
            assertThat(r.getNeighborhood()).isEqualTo(REPLAY_NAME);
            assertThat(r.getLineage().getLineNumber()).as("lineage kept").isEqualTo(4);
        });
        assertThat(committed(settings.deadLetterTopic())).hasSize(expectedCodes.size());
    }

    @Test
    @Order(6)
    void whereClientsDoNotRegisterSchemasAReplayWithSetStopsWithOneLineWhenTheSchemaIsNotRegistered() throws Exception {
        String where = deadLetterPosition("ESTIMATE_NOT_A_NUMBER", REPLAY_NAME);
        String unregisteredTopic = settings.inputTopic() + "-unregistered";
        java.nio.file.Path config = java.nio.file.Files.createTempFile("no-auto-register", ".properties");
        try {
            java.nio.file.Files.writeString(config, "auto.register.schemas=false\n");
            DlqRun replay = DlqRun.of(dlqArgs(
                    "replay",
                    where,
                    "--set",
                    "estimate=1234",
                    "--to-topic",
                    unregisteredTopic,
                    "--config",
                    config.toString()));

            assertThat(replay.exitCode()).isEqualTo(1);
            assertThat(replay.err().strip().lines())
                    .singleElement()
                    .asString()
                    .startsWith(
                            "error: Cannot re-encode the corrected row: Schema org.popsurvey.schemas.RawPopulationRow"
                                    + " is not registered under subject " + unregisteredTopic + "-value at "
                                    + STACK.schemaRegistryUrl())
                    .contains("./popsurvey schemas register");
            assertThat(raw.registry().versions(unregisteredTopic + "-value"))
                    .as("nothing registered")
                    .isEmpty();
        } finally {
            java.nio.file.Files.deleteIfExists(config);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void send(
            KafkaProducer<byte[], byte[]> producer, String key, RawPopulationRow row, List<String> codes, boolean clean)
            throws Exception {
        send(
                producer,
                key.getBytes(StandardCharsets.UTF_8),
                raw.encode(settings.inputTopic(), row),
                codes,
                clean,
                Integer.parseInt(row.getId()));
    }

    private void send(
            KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value, List<String> codes, boolean clean, int id)
            throws Exception {
        RecordMetadata sent = producer.send(new ProducerRecord<>(settings.inputTopic(), key, value))
                .get();
        inputs++;
        if (!codes.isEmpty()) {
            expectedCodes.put(sent.partition() + ":" + sent.offset(), codes);
        } else if (clean) {
            expectedClean.add(Integer.toString(id));
        }
    }

    private static RawPopulationRow realRow(CSVRecord row, String runId) {
        return RawRecords.row(row.get(0), row.get(1), row.get(2), row.get(3), runId, row.getRecordNumber() + 1);
    }

    private static List<CSVRecord> realRows() throws IOException {
        Path file = SharedData.acs2015(SourceFile.TOTAL_POPULATION.fileName());
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            List<CSVRecord> rows = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)
                    .getRecords();
            assertThat(rows).hasSize(91);
            return rows;
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        STACK.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        return CommittedRecords.readAll(STACK.bootstrapServers(), topic);
    }

    /** {@code partition:offset} of the dead letter with this code whose raw value contains this text. */
    private String deadLetterPosition(String code, String valueContains) {
        return committed(settings.deadLetterTopic()).stream()
                .filter(r -> header(r, DeadLetterHeaders.CODES).equals(code))
                .filter(r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(valueContains))
                .map(r -> r.partition() + ":" + r.offset())
                .findFirst()
                .orElseThrow();
    }

    /** A Kafka Streams metric of this app, summed over its tasks, read over JMX. */
    private double jmxTotal(String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(
                new ObjectName("kafka.streams:type=stream-" + TaskMetrics.SCOPE + "-metrics,*"), null);
        double total = 0;
        for (ObjectName name : names) {
            if (name.getKeyProperty("thread-id").startsWith(settings.applicationId())) {
                total += ((Number) server.getAttribute(name, attribute)).doubleValue();
            }
        }
        return total;
    }

    private String[] dlqArgs(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--bootstrap-servers=" + STACK.bootstrapServers());
        all.add(2, "--schema-registry-url=" + STACK.schemaRegistryUrl());
        all.add(3, "--dlq-topic=" + settings.deadLetterTopic());
        return all.toArray(String[]::new);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
