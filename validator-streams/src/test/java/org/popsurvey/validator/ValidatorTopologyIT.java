package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.VersionProvider;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.registry.SchemaRegistryUnavailableException;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.serde.ConfluentAvroDeserializer;
import org.popsurvey.serde.ConfluentAvroSerializer;
import org.popsurvey.testkit.RealKafkaStack;
import org.popsurvey.testkit.SharedData;
import org.popsurvey.validator.metrics.TaskMetrics;
import org.popsurvey.validator.metrics.ValidationCounters;
import org.popsurvey.validator.resend.AcceptedIds;
import org.popsurvey.validator.resend.AcceptedIdsLoader;

/**
 * The whole topology in TopologyTestDriver, with values encoded and decoded through the real
 * schema registry (testkit's Apicurio process): the corpus, the real file, re-sends, headers,
 * metrics, and an unreachable registry. Named *IT so it runs in the failsafe JVM and shares that
 * JVM's registry with the other integration tests instead of starting one more.
 */
class ValidatorTopologyIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RawRecords raw;

    private ValidatorSettings settings = ValidatorSettings.defaults();
    /** What each task finds in the clean topic when it starts: nothing, unless a test says otherwise. */
    private AcceptedIdsLoader acceptedIds = AcceptedIdsLoader.NONE;

    private ValidationCounters counters;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, PopulationRecord> clean;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void registry() {
        raw = new RawRecords(STACK.schemaRegistryUrl());
    }

    @BeforeEach
    void startDriver() {
        driver = driver(raw.registry());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private TopologyTestDriver driver(SchemaRegistryClient registry) {
        counters = new ValidationCounters();
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyTestDriver testDriver = new TopologyTestDriver(
                ValidatorTopology.build(settings, registry, raw.serdeConfig(), counters, acceptedIds), properties);
        input = testDriver.createInputTopic(
                settings.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        ConfluentAvroDeserializer<PopulationRecord> cleanDeserializer =
                new ConfluentAvroDeserializer<>(raw.registry(), PopulationRecord.getClassSchema());
        cleanDeserializer.configure(raw.serdeConfig(), false);
        clean = testDriver.createOutputTopic(settings.cleanTopic(), new StringDeserializer(), cleanDeserializer);
        deadLetters = testDriver.createOutputTopic(
                settings.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return testDriver;
    }

    @Test
    void corpusRowsLandWhereTheyShouldWithTheirCodes() {
        List<RowCorpus.Case> cases = RowCorpus.load();
        List<byte[]> values = new ArrayList<>();
        for (RowCorpus.Case row : cases) {
            byte[] value = row.isRow()
                    ? raw.encode(settings.inputTopic(), row.row())
                    : row.valueKind() != null
                            ? raw.poisonPill(row.valueKind(), settings.inputTopic())
                            : row.literalValue();
            values.add(value);
            input.pipeInput(
                    new TestRecord<>(row.keyBytes(), value, new RecordHeaders(), 1_700_000_000_000L + row.index()));
        }

        Map<Integer, PopulationRecord> cleanById = new HashMap<>();
        clean.readKeyValuesToList().forEach(kv -> {
            assertThat(kv.key).isEqualTo(Integer.toString(kv.value.getId()));
            cleanById.put(kv.value.getId(), kv.value);
        });
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        long valid = cases.stream().filter(RowCorpus.Case::isValid).count();
        assertThat(cleanById).hasSize((int) valid);
        assertThat(letters).hasSize(cases.size() - (int) valid);

        int next = 0;
        for (RowCorpus.Case row : cases) {
            if (row.isValid()) {
                PopulationRecord record = cleanById.get(row.clean().id());
                assertThat(record).as(row.name()).isNotNull();
                assertThat(record.getEstimate())
                        .as(row.name())
                        .isEqualTo(row.clean().estimate());
                assertThat(record.getMarginOfError())
                        .as(row.name())
                        .isEqualTo(row.clean().moe());
                assertThat(record.getMarginOfErrorStatus())
                        .as(row.name())
                        .isEqualTo(row.clean().status());
                assertThat(record.getLineage().getLineNumber()).as(row.name()).isEqualTo(row.lineNumber());
                continue;
            }
            TestRecord<byte[], byte[]> letter = letters.get(next++);
            assertThat(header(letter, DeadLetterHeaders.CODES))
                    .as(row.name())
                    .isEqualTo(String.join(",", row.expect()));
            assertThat(letter.value()).as(row.name() + ": raw bytes unchanged").isEqualTo(values.get(row.index()));
            assertThat(letter.key()).as(row.name()).isEqualTo(row.keyBytes());
            assertThat(letter.timestamp()).isEqualTo(1_700_000_000_000L + row.index());
            assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(settings.inputTopic());
            assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Integer.toString(row.index()));
            assertThat(header(letter, DeadLetterHeaders.SOURCE_TIMESTAMP))
                    .isEqualTo(Long.toString(1_700_000_000_000L + row.index()));
            assertThat(header(letter, DeadLetterHeaders.APPLICATION_ID)).isEqualTo(settings.applicationId());
            assertThat(header(letter, DeadLetterHeaders.APPLICATION_VERSION))
                    .isEqualTo(VersionProvider.version())
                    .isNotEqualTo("unknown");
            assertThat(header(letter, DeadLetterHeaders.TASK_ID)).isEqualTo("0_0");
            assertThat(Long.parseLong(header(letter, DeadLetterHeaders.TIMESTAMP)))
                    .isPositive();
            ErrorCode first = ErrorCode.valueOf(row.expect().get(0));
            assertThat(header(letter, DeadLetterHeaders.STAGE))
                    .isEqualTo(first.stage().name());
            assertThat(header(letter, DeadLetterHeaders.MESSAGE))
                    .as(row.name())
                    .startsWith(
                            row.expect().size() == 1
                                    ? row.expect().get(0) + ": "
                                    : row.expect().size() + " problems: ");
            JsonNode details = json(header(letter, DeadLetterHeaders.DETAILS));
            assertThat(details).hasSize(row.expect().size());
            if (row.isRow()) {
                assertThat(header(letter, DeadLetterHeaders.PRODUCER_FILE)).isEqualTo(RowCorpus.SOURCE_FILE);
                assertThat(header(letter, DeadLetterHeaders.PRODUCER_LINE)).isEqualTo(Long.toString(row.lineNumber()));
                assertThat(header(letter, DeadLetterHeaders.PRODUCER_RUN_ID)).isEqualTo(RowCorpus.RUN_ID);
                assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isNull();
            } else {
                assertThat(header(letter, DeadLetterHeaders.PRODUCER_FILE)).isNull();
                assertThat(header(letter, DeadLetterHeaders.EXCEPTION))
                        .isEqualTo("org.popsurvey.serde.PoisonPillException");
                assertThat(header(letter, DeadLetterHeaders.FIELDS)).isEqualTo("value");
            }
        }
        ValidationCounters.Snapshot counts = counters.snapshot();
        assertThat(counts.processed()).isEqualTo(cases.size());
        assertThat(counts.accepted()).isEqualTo(valid);
        assertThat(counts.deadLettered()).isEqualTo(cases.size() - valid);
        assertThat(counts.byCode().get(ErrorCode.ESTIMATE_NOT_A_NUMBER))
                .isEqualTo(cases.stream()
                        .filter(c -> c.expect().contains("ESTIMATE_NOT_A_NUMBER"))
                        .count());
        assertThat(metric("dead-lettered-total")).isEqualTo((double) (cases.size() - valid));
        assertThat(metric(TaskMetrics.operationName(ErrorCode.UNDECODABLE_AVRO) + "-total"))
                .isEqualTo(4.0);
    }

    @Test
    void everyRealRowIsAcceptedWithItsPublishedValues() throws IOException {
        Path file = SharedData.acs2015(SourceFile.TOTAL_POPULATION.fileName());
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            rows = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)
                    .getRecords();
        }
        assertThat(rows).hasSize(91);
        BigDecimal publishedTotal = BigDecimal.ZERO;
        for (CSVRecord row : rows) {
            RawPopulationRow rawRow =
                    RawRecords.row(row.get(0), row.get(1), row.get(2), row.get(3), "real", row.getRecordNumber() + 1);
            input.pipeInput(row.get(1).getBytes(StandardCharsets.UTF_8), raw.encode(settings.inputTopic(), rawRow));
            publishedTotal = publishedTotal.add(new BigDecimal(row.get(2)));
        }
        assertThat(deadLetters.isEmpty()).as("no real row is rejected").isTrue();
        Map<Integer, PopulationRecord> byId = new HashMap<>();
        clean.readValuesToList().forEach(record -> byId.put(record.getId(), record));
        assertThat(byId).hasSize(91);
        assertThat(byId.get(3).getNeighborhood()).isEqualTo("Allentown");
        assertThat(byId.get(3).getEstimate()).isEqualTo(2558L);
        assertThat(byId.get(3).getMarginOfError()).isEqualTo(449.773276218);
        assertThat(byId.get(22).getEstimate()).isEqualTo(3L);
        assertThat(byId.get(55).getNeighborhood()).isEqualTo("Mt. Oliver");
        assertThat(byId.get(53).getNeighborhood()).isEqualTo("Mount Oliver Borough");
        assertThat(byId.values())
                .allSatisfy(r -> assertThat(r.getMarginOfErrorStatus()).isEqualTo(MarginOfErrorStatus.MEASURED));
        assertThat(byId.values().stream()
                        .mapToLong(PopulationRecord::getEstimate)
                        .sum())
                .isEqualTo(publishedTotal.longValueExact());
    }

    @Test
    void identicalResendIsAbsorbedAndDifferentContentIsAConflict() {
        pipe("3", RawRecords.row("Allentown", "3", "2558.0", "449.773276218", "run-1", 4));
        pipe("3", RawRecords.row("Allentown", "3", "2558", "449.773276218", "run-2", 4)); // same content, new run
        pipe("3", RawRecords.row("Allentown", "3", "2600", "449.773276218", "run-3", 4));

        assertThat(clean.readValuesToList())
                .singleElement()
                .satisfies(r -> assertThat(r.getLineage().getProducerRunId()).isEqualTo("run-1"));
        TestRecord<byte[], byte[]> conflict = deadLetters.readRecord();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(header(conflict, DeadLetterHeaders.CODES)).isEqualTo("CONFLICTING_RESEND");
        assertThat(header(conflict, DeadLetterHeaders.STAGE)).isEqualTo("DEDUPLICATION");
        assertThat(header(conflict, DeadLetterHeaders.FIELDS)).isEqualTo("id,estimate");
        assertThat(header(conflict, DeadLetterHeaders.CONFLICT_WITH)).isEqualTo("total-population.csv:4@run-1");
        assertThat(header(conflict, DeadLetterHeaders.MESSAGE))
                .contains("Id 3 was already accepted from total-population.csv line 4 (producer run run-1")
                .contains("estimate 2600 here, 2558 accepted");
        assertThat(counters.snapshot().absorbed()).isEqualTo(1);
        assertThat(metric("absorbed-total")).isEqualTo(1.0);
    }

    @Test
    void idsAcceptedBeforeARestartAreRecognisedFromTheCleanTopic() {
        // As if an earlier run had committed Id 3 to partition 0 of the clean topic.
        PopulationRecord earlier = PopulationRecord.newBuilder()
                .setId(3)
                .setNeighborhood("Allentown")
                .setEstimate(2558)
                .setMarginOfError(449.773276218)
                .setMarginOfErrorStatus(MarginOfErrorStatus.MEASURED)
                .setLineage(SourceLineage.newBuilder()
                        .setSourceFile("total-population.csv")
                        .setLineNumber(4)
                        .setBatchNumber(1)
                        .setProducerRunId("run-0")
                        .setReadTimestamp(Instant.EPOCH)
                        .build())
                .build();
        ConfluentAvroSerializer<PopulationRecord> serializer = new ConfluentAvroSerializer<>(raw.registry());
        serializer.configure(raw.serdeConfig(), false);
        byte[] committed = serializer.serialize(settings.cleanTopic(), earlier);
        List<TopicPartition> asked = new ArrayList<>();
        driver.close();
        acceptedIds = partition -> {
            asked.add(partition);
            return new AcceptedIds(new HashMap<>(Map.of(3, committed)));
        };
        driver = driver(raw.registry());

        pipe("3", RawRecords.row("Allentown", "3", "2558.0", "449.773276218", "run-1", 4));
        pipe("3", RawRecords.row("Allentown", "3", "2600", "449.773276218", "run-1", 4));

        assertThat(asked).containsExactly(new TopicPartition(settings.cleanTopic(), 0));
        assertThat(clean.isEmpty())
                .as("the identical row is absorbed, not written again")
                .isTrue();
        assertThat(counters.snapshot().absorbed()).isEqualTo(1);
        TestRecord<byte[], byte[]> conflict = deadLetters.readRecord();
        assertThat(header(conflict, DeadLetterHeaders.CODES)).isEqualTo("CONFLICTING_RESEND");
        assertThat(header(conflict, DeadLetterHeaders.CONFLICT_WITH)).isEqualTo("total-population.csv:4@run-0");
        assertThat(header(conflict, DeadLetterHeaders.MESSAGE)).contains("estimate 2600 here, 2558 accepted");
    }

    @Test
    void fixedReplayIsAcceptedOnceAndAReplayedCopyIsAbsorbed() {
        pipe("9", RawRecords.row("Beltzhoover", "9", "1702.5", "343.072878555", "run-1", 10));
        assertThat(header(deadLetters.readRecord(), DeadLetterHeaders.CODES)).isEqualTo("ESTIMATE_NOT_WHOLE");

        RawPopulationRow fixed = RawRecords.row("Beltzhoover", "9", "1702", "343.072878555", "run-1", 10);
        pipe("9", fixed);
        pipe("9", fixed);

        assertThat(clean.readValuesToList())
                .singleElement()
                .satisfies(r -> assertThat(r.getEstimate()).isEqualTo(1702L));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counters.snapshot().absorbed()).isEqualTo(1);
    }

    @Test
    void rawHeadersAreKeptOnCleanRecordsAndDeadLetters() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REPLAY_OF, "population.dlq:0:7".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>(
                "5".getBytes(),
                raw.encode(settings.inputTopic(), RawRecords.row("Arlington Heights", "5", "272", "126", "r", 6)),
                headers));
        input.pipeInput(new TestRecord<>(
                "6".getBytes(),
                raw.encode(settings.inputTopic(), RawRecords.row("Banksville", "6", "x", "581.107563192", "r", 7)),
                headers));

        assertThat(clean.readRecord().headers().lastHeader(DeadLetterHeaders.REPLAY_OF))
                .isNotNull();
        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter, DeadLetterHeaders.REPLAY_OF)).isEqualTo("population.dlq:0:7");
        assertThat(letter.headers().toArray()[0].key()).as("raw headers first").isEqualTo(DeadLetterHeaders.REPLAY_OF);
    }

    @Test
    void unreachableRegistryFailsTheTaskInsteadOfDeadLettering() {
        driver.close();
        SchemaRegistryClient down = SchemaRegistryClient.fromConfig(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7", "max.retries", "0"));
        driver = driver(down);
        byte[] value =
                raw.encode(settings.inputTopic(), RawRecords.row("Bluff", "11", "6294.0", "395.761291689", "r", 12));

        assertThatThrownBy(() -> input.pipeInput("11".getBytes(), value))
                .isInstanceOf(StreamsException.class)
                .satisfies(
                        e -> assertThat(causeChain(e)).anyMatch(SchemaRegistryUnavailableException.class::isInstance));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(clean.isEmpty()).isTrue();
    }

    private void pipe(String key, RawPopulationRow row) {
        input.pipeInput(key.getBytes(StandardCharsets.UTF_8), raw.encode(settings.inputTopic(), row));
    }

    private double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-" + TaskMetrics.SCOPE + "-metrics")
                        && e.getKey().name().equals(name))
                .map(Map.Entry::getValue)
                .map(Metric::metricValue)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .sum();
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static List<Throwable> causeChain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
