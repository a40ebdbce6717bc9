package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * A corpus of hostile records, each of a kind that stopped (or could stop) a Kafka Streams app,
 * sent through the real validator (its own JVM with a 256 MB heap, as {@code ./popsurvey validate}
 * runs, on the real broker and registry): every one must become a dead letter with its stable
 * code, the validator must stay up throughout, the valid rows sent after them must be clean, and
 * the accounting must be exact: processed = clean + dead letters + absorbed, read with
 * {@code read_committed}.
 */
class HostileRecordsIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    /** The codes this test's corpus covers that the row corpus (row-corpus.json) cannot express. */
    static final List<String> CODES = List.of(
            "HEADERS_TOO_LARGE",
            "VALUE_TOO_LARGE",
            "NOT_AN_AVRO_SCHEMA",
            "AVRO_DECLARED_SIZE_EXCEEDS_VALUE",
            "TOO_MANY_CELLS",
            "CELL_TOO_LONG",
            "LINEAGE_TOO_LONG",
            "PARTITION_MISMATCH",
            "SCHEMA_ID_REFUSED_BY_REGISTRY");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;
    /** The raw topic takes 3 MiB records, so that a value above --max-value-bytes reaches the validator. */
    private static final int RAW_MAX_MESSAGE_BYTES = 3 * 1024 * 1024;

    private static final int VALID_ROWS_AFTER = 20;

    @TempDir
    Path work;

    private final String prefix = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    private final String rawTopic = prefix + ".raw";
    private final String cleanTopic = prefix + ".clean";
    private final String dlqTopic = prefix + ".dlq";
    /** Expected code of each hostile record, by the raw {@code partition:offset} it was written at. */
    private final Map<String, String> expectedCodes = new LinkedHashMap<>();

    private final Map<String, String> names = new HashMap<>();
    private RawRecords raw;
    private int inputs;

    @Test
    void everyHostileRecordIsADeadLetterWithItsCodeAndTheValidatorKeepsRunning() throws Exception {
        createRawTopic();
        raw = new RawRecords(STACK.schemaRegistryUrl());
        byte[] validRow = raw.encode(rawTopic, RawRecords.row("Allentown", "3", "2558", "449", "hostile", 4));
        int rawSchemaId = ByteBuffer.wrap(validRow, 1, 4).getInt();
        int protobufId = register(
                prefix + "-proto-value",
                "PROTOBUF",
                "syntax = \"proto3\";\npackage hostile;\nmessage Row { string neighborhood = 1; int32 id = 2; }\n");
        int blobAndMapId = register(prefix + "-blob-value", "AVRO", withLeadingBlobAndMap());
        int recursiveId = register(prefix + "-recursive-value", "AVRO", withLeadingSelfReference());

        Path log = work.resolve("validator.log");
        try (ValidatorProcess validator = ValidatorProcess.start(
                log,
                List.of(
                        "--bootstrap-servers",
                        STACK.bootstrapServers(),
                        "--schema-registry-url",
                        STACK.schemaRegistryUrl(),
                        "--input-topic",
                        rawTopic,
                        "--clean-topic",
                        cleanTopic,
                        "--dlq-topic",
                        dlqTopic,
                        "--application-id",
                        prefix,
                        "--state-dir",
                        work.resolve("state").toString(),
                        "--stats-interval",
                        "1s"))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> validator.log().contains("-> RUNNING"));

            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                sendHostileCorpus(producer, validRow, rawSchemaId, protobufId, blobAndMapId);
                byte[] deep = new byte[5 + 300_000];
                Arrays.fill(deep, 5, deep.length, (byte) 2); // "next" is another row, 300,000 levels deep
                ByteBuffer.wrap(deep, 1, 4).putInt(recursiveId);
                send(producer, "UNDECODABLE_AVRO", "54", deep, null, "recursive writer schema nested deep");
                for (int id = 1; id <= VALID_ROWS_AFTER; id++) {
                    send(producer, null, Integer.toString(id), raw.encode(rawTopic, validRow(id, "after")), null, "");
                }
                for (int id = 1; id <= 3; id++) { // identical re-sends, to be absorbed
                    send(producer, null, Integer.toString(id), raw.encode(rawTopic, validRow(id, "again")), null, "");
                }
            }
            int expectedDeadLetters = expectedCodes.size();
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> !validator.isAlive()
                            || committed(cleanTopic).size() >= VALID_ROWS_AFTER
                                    && committed(dlqTopic).size() >= expectedDeadLetters);
            assertThat(validator.isAlive())
                    .as("validator alive; its log:\n%s", tail(validator))
                    .isTrue();
            Thread.sleep(2_000); // anything more would be a duplicate
            assertThat(validator.log())
                    .as("never left RUNNING for an error")
                    .doesNotContain("-> ERROR")
                    .doesNotContain("-> PENDING_ERROR")
                    .doesNotContain("Validator stopping")
                    .doesNotContain("OutOfMemoryError");
            assertThat(validator.stop()).as("clean stop after SIGTERM").isIn(0, 143);

            List<ConsumerRecord<byte[], byte[]>> deadLetters = committed(dlqTopic);
            Map<String, String> actualCodes = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
                String source = header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION) + ":"
                        + header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET);
                actualCodes.put(names.getOrDefault(source, source), header(deadLetter, DeadLetterHeaders.CODES));
            }
            Map<String, String> expectedByName = new LinkedHashMap<>();
            expectedCodes.forEach((position, code) -> expectedByName.put(names.get(position), code));
            assertThat(actualCodes)
                    .as("one dead letter per hostile record, with its code")
                    .containsExactlyInAnyOrderEntriesOf(expectedByName);
            assertThat(deadLetters).hasSize(expectedCodes.size());
            deadLetters.forEach(HostileRecordsIT::assertHeadersAreBounded);

            ConfluentAvroDecoder<PopulationRecord> decoder =
                    ConfluentAvroDecoder.specific(raw.registry(), PopulationRecord.getClassSchema());
            List<PopulationRecord> clean = committed(cleanTopic).stream()
                    .map(r -> decoder.decode(r.value()))
                    .toList();
            assertThat(clean)
                    .extracting(PopulationRecord::getId)
                    .as("valid rows after the hostile ones, once each")
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, VALID_ROWS_AFTER)
                            .boxed()
                            .toList());
            assertThat(clean).allSatisfy(r -> {
                assertThat(r.getEstimate()).isEqualTo(1000L + r.getId());
                assertThat(r.getLineage().getProducerRunId()).isEqualTo("after");
            });

            Matcher finalCounts = Pattern.compile("Final counts \\(this process\\): processed=(\\d+) accepted=(\\d+) "
                            + "absorbed-resends=(\\d+) dead-lettered=(\\d+)")
                    .matcher(validator.log());
            assertThat(finalCounts.find()).as("final counts logged").isTrue();
            long processed = Long.parseLong(finalCounts.group(1));
            long absorbed = Long.parseLong(finalCounts.group(3));
            assertThat(absorbed).isEqualTo(3);
            assertThat(processed).as("every input processed once").isEqualTo(inputs);
            assertThat(processed)
                    .as("processed = clean + dead letters + absorbed")
                    .isEqualTo(clean.size() + deadLetters.size() + absorbed);
        }
    }

    /** Each hostile record with the code it must get. */
    private void sendHostileCorpus(
            KafkaProducer<byte[], byte[]> producer, byte[] validRow, int rawSchemaId, int protobufId, int blobAndMapId)
            throws Exception {
        // A line of 300,000 empty extra cells: a few hundred KB that once made a dead letter of several MB.
        RawPopulationRow wide = validRow(31, "wide");
        wide.setExtraCells(new ArrayList<>(Collections.nCopies(300_000, "")));
        send(producer, "TOO_MANY_CELLS", "31", raw.encode(rawTopic, wide), null, "wide line");
        // 1,000 extra cells of 500 characters each: within --max-cells, so a CELL_COUNT_MISMATCH whose
        // message and details must stay bounded.
        RawPopulationRow manyLong = validRow(32, "many");
        manyLong.setExtraCells(new ArrayList<>(Collections.nCopies(995, "x".repeat(500))));
        send(producer, "CELL_COUNT_MISMATCH", "32", raw.encode(rawTopic, manyLong), null, "1000 long cells");
        RawPopulationRow hugeCell = validRow(33, "huge");
        hugeCell.setNeighborhood("N".repeat(600_000));
        send(producer, "CELL_TOO_LONG", "33", raw.encode(rawTopic, hugeCell), null, "huge cell");
        RawPopulationRow beyondValueLimit = validRow(34, "beyond");
        beyondValueLimit.setEstimate("9".repeat(2_000_000));
        send(producer, "VALUE_TOO_LARGE", "34", raw.encode(rawTopic, beyondValueLimit), null, "2 MB value");
        RawPopulationRow longLineage = validRow(35, "lineage");
        longLineage.getLineage().setSourceFile("/".repeat(5_000) + "total-population.csv");
        send(producer, "LINEAGE_TOO_LONG", "35", raw.encode(rawTopic, longLineage), null, "long lineage");

        // Lying Avro lengths and counts: allocated from the declaration, they were OutOfMemoryErrors.
        send(
                producer,
                "AVRO_DECLARED_SIZE_EXCEEDS_VALUE",
                "36",
                framed(
                        rawSchemaId,
                        out -> {
                            out.writeIndex(1);
                            out.writeLong(1L << 30); // a 1 GiB neighborhood string
                        },
                        16),
                null,
                "lying string length");
        send(
                producer,
                "AVRO_DECLARED_SIZE_EXCEEDS_VALUE",
                "37",
                framed(
                        rawSchemaId,
                        out -> {
                            writeFourCells(out, "37");
                            out.writeLong(Integer.MAX_VALUE - 8); // 2^31 extra cells
                        },
                        16),
                null,
                "lying array count");
        send(
                producer,
                "AVRO_DECLARED_SIZE_EXCEEDS_VALUE",
                "38",
                framed(
                        blobAndMapId,
                        out -> {
                            out.writeLong(1L << 31); // a 2 GiB bytes field (skipped by the reader, still refused)
                        },
                        16),
                null,
                "lying bytes length");
        send(
                producer,
                "AVRO_DECLARED_SIZE_EXCEEDS_VALUE",
                "39",
                framed(
                        blobAndMapId,
                        out -> {
                            out.writeBytes(new byte[0]);
                            out.writeLong(1L << 40); // a map of 2^40 entries
                        },
                        16),
                null,
                "lying map count");
        send(
                producer,
                "UNDECODABLE_AVRO",
                "40",
                framed(rawSchemaId, out -> out.writeIndex(7), 4),
                null,
                "union index out of range");
        send(producer, "UNDECODABLE_AVRO", "41", Arrays.copyOf(validRow, validRow.length - 7), null, "truncated");
        byte[] trailing = Arrays.copyOf(validRow, validRow.length + 3);
        send(producer, "UNDECODABLE_AVRO", "3", trailing, null, "trailing bytes");

        // Schema ids the validator cannot use.
        send(producer, "NOT_AN_AVRO_SCHEMA", "42", withSchemaId(validRow, protobufId), null, "protobuf schema id");
        send(producer, "UNKNOWN_SCHEMA_ID", "43", withSchemaId(validRow, 0x7ffffff0), null, "unknown schema id");
        send(producer, "UNKNOWN_SCHEMA_ID", "44", withSchemaId(validRow, -1), null, "negative schema id");

        // Values, keys and headers.
        send(producer, "NOT_CONFLUENT_AVRO", "45", null, null, "null value");
        send(producer, "NOT_CONFLUENT_AVRO", "46", new byte[0], null, "empty value");
        send(
                producer,
                "NOT_CONFLUENT_AVRO",
                "47",
                "47,Allentown,1,2\n".getBytes(StandardCharsets.UTF_8),
                null,
                "CSV text value");
        sendKey(producer, "KEY_ID_MISMATCH", null, raw.encode(rawTopic, validRow(48, "nokey")), "null key");
        sendKey(producer, "KEY_ID_MISMATCH", new byte[0], raw.encode(rawTopic, validRow(49, "emptykey")), "empty key");
        byte[] hugeKey = new byte[500_000];
        Arrays.fill(hugeKey, (byte) 0xfe);
        sendKey(producer, "KEY_ID_MISMATCH", hugeKey, raw.encode(rawTopic, validRow(50, "hugekey")), "huge key");
        send(
                producer,
                "HEADERS_TOO_LARGE",
                "51",
                raw.encode(rawTopic, validRow(51, "headers")),
                List.of(
                        new RecordHeader("big", new byte[200_000]),
                        new RecordHeader("esc", "\u001b[2J".getBytes(StandardCharsets.UTF_8))),
                "huge headers");
        RawPopulationRow badUtf8 = validRow(52, "utf8");
        byte[] badUtf8Value = raw.encode(rawTopic, badUtf8);
        replaceOnce(badUtf8Value, "Name52".getBytes(StandardCharsets.UTF_8), new byte[] {
            'N', (byte) 0xc3, '(', (byte) 0xff, 'e', '5'
        });
        send(producer, "NEIGHBORHOOD_NOT_PRINTABLE", "52", badUtf8Value, null, "invalid UTF-8 in a cell");

        // A valid row on the partition another partitioner would choose.
        byte[] key53 = "53".getBytes(StandardCharsets.UTF_8);
        int wrong = (BuiltInPartitioner.partitionForKey(key53, PARTITIONS) + 1) % PARTITIONS;
        RecordMetadata sent = producer.send(
                        new ProducerRecord<>(rawTopic, wrong, key53, raw.encode(rawTopic, validRow(53, "elsewhere"))))
                .get();
        record(sent, "PARTITION_MISMATCH", "valid row on another partition");
    }

    // --- building hostile bytes ---------------------------------------------------------------

    private interface BodyWriter {
        void write(BinaryEncoder out) throws IOException;
    }

    /** A Confluent-framed value: the header, the body, then {@code padding} bytes of 0x02. */
    private static byte[] framed(int schemaId, BodyWriter body, int padding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0);
        bytes.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
        body.write(out);
        out.flush();
        byte[] pad = new byte[padding];
        Arrays.fill(pad, (byte) 2);
        bytes.write(pad);
        return bytes.toByteArray();
    }

    private static void writeFourCells(BinaryEncoder out, String id) throws IOException {
        for (String cell : new String[] {"Allentown", id, "1", "1"}) {
            out.writeIndex(1);
            out.writeString(cell);
        }
    }

    private static byte[] withSchemaId(byte[] framed, int schemaId) {
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
        return copy;
    }

    private static void replaceOnce(byte[] bytes, byte[] what, byte[] with) {
        for (int i = 0; i + what.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
                System.arraycopy(with, 0, bytes, i, with.length);
                return;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    /** RawPopulationRow's schema with two leading fields the reader skips: a bytes blob and a map. */
    private static String withLeadingBlobAndMap() throws IOException {
        JsonNode schema = JSON.readTree(RawPopulationRow.getClassSchema().toString());
        var fields = (com.fasterxml.jackson.databind.node.ArrayNode) schema.get("fields");
        fields.insert(
                0,
                JSON.readTree(
                        "{\"name\":\"tags\",\"type\":{\"type\":\"map\",\"values\":\"string\"}," + "\"default\":{}}"));
        fields.insert(0, JSON.readTree("{\"name\":\"blob\",\"type\":\"bytes\",\"default\":\"\"}"));
        String text = schema.toString();
        new Schema.Parser().parse(text); // a valid Avro schema: only its data lies
        return text;
    }

    /** RawPopulationRow's schema with a leading field that may hold another row: a recursive type. */
    private static String withLeadingSelfReference() throws IOException {
        JsonNode schema = JSON.readTree(RawPopulationRow.getClassSchema().toString());
        ((com.fasterxml.jackson.databind.node.ArrayNode) schema.get("fields"))
                .insert(
                        0,
                        JSON.readTree(
                                "{\"name\":\"next\",\"type\":[\"null\",\"org.popsurvey.schemas.RawPopulationRow\"],"
                                        + "\"default\":null}"));
        return schema.toString();
    }

    private static RawPopulationRow validRow(int id, String run) {
        return RawRecords.row("Name" + id, Integer.toString(id), Integer.toString(1000 + id), "10", run, id + 1);
    }

    // --- plumbing --------------------------------------------------------------------------------

    private void createRawTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(rawTopic, PARTITIONS, (short) 1)
                            .configs(Map.of(
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(RAW_MAX_MESSAGE_BYTES)))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Registers a schema through the registry's Confluent API; returns its id. */
    private static int register(String subject, String type, String schema) throws Exception {
        String body = JSON.createObjectNode()
                .put("schemaType", type)
                .put("schema", schema)
                .toString();
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(STACK.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode())
                .as("registering %s: %s", type, answer.body())
                .isEqualTo(200);
        return JSON.readTree(answer.body()).path("id").asInt();
    }

    private void send(
            KafkaProducer<byte[], byte[]> producer,
            String code,
            String key,
            byte[] value,
            List<RecordHeader> headers,
            String name)
            throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                rawTopic,
                null,
                key.getBytes(StandardCharsets.UTF_8),
                value,
                headers == null ? List.of() : List.copyOf(headers));
        record(producer.send(record).get(), code, name);
    }

    private void sendKey(KafkaProducer<byte[], byte[]> producer, String code, byte[] key, byte[] value, String name)
            throws Exception {
        record(producer.send(new ProducerRecord<>(rawTopic, key, value)).get(), code, name);
    }

    private void record(RecordMetadata sent, String code, String name) {
        inputs++;
        if (code != null) {
            String position = sent.partition() + ":" + sent.offset();
            expectedCodes.put(position, code);
            names.put(position, name);
        }
    }

    private static void assertHeadersAreBounded(ConsumerRecord<byte[], byte[]> deadLetter) {
        int explanation = 0;
        for (var header : deadLetter.headers()) {
            if (DeadLetterHeaders.isErrorOrReplayHeader(header.key())) {
                explanation += header.value() == null ? 0 : header.value().length;
            }
        }
        assertThat(explanation)
                .as("explanation headers of %s", header(deadLetter, DeadLetterHeaders.CODES))
                .isLessThan(64 * 1024);
        assertThat(header(deadLetter, DeadLetterHeaders.VALUE_OMITTED))
                .as("the value is kept")
                .isNull();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        STACK.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        RAW_MAX_MESSAGE_BYTES),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        return CommittedRecords.readAll(STACK.bootstrapServers(), topic);
    }

    private static String tail(ValidatorProcess validator) throws IOException {
        String log = validator.log();
        return log.substring(Math.max(0, log.length() - 6_000));
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
