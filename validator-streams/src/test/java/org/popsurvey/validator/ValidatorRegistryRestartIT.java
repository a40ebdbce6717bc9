package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.serde.WireFormat;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * The registry killed mid-run and started again (same port, same stored schemas): a running
 * validator keeps going while it needs no new schema, stops with one clear line and exit code 1
 * on the first record that needs the registry, refuses to start while it is down, and once the
 * registry is back resumes from its last commit. No record is dead-lettered for the outage.
 *
 * <p>The registry keeps its schemas in a file under the stack's state folder (the stack's
 * choice, not the test's), so schema ids issued before the restart name the same schemas after it.
 */
class ValidatorRegistryRestartIT {

    /** Its own registry: this test takes it down. */
    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.dedicated();

    /** Rows per batch; every 25th is invalid. */
    private static final int BATCH = 100;

    private static final int INVALID_EVERY = 25;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String STOP_LINE = "Validator stopping: the schema registry is unreachable";

    @TempDir
    Path work;

    @Test
    void validatorStopsClearlyWhileTheRegistryIsDownAndResumesAfterItWithNoDeadLetterForTheOutage() throws Exception {
        String prefix = "registry-restart-" + UUID.randomUUID().toString().substring(0, 8);
        String rawTopic = prefix + ".raw";
        String cleanTopic = prefix + ".clean";
        String dlqTopic = prefix + ".dlq";
        String bootstrap = STACK.bootstrapServers();
        STACK.createTopic(rawTopic, 2);
        RawRecords raw = new RawRecords(STACK.schemaRegistryUrl());
        // A later, compatible version of the raw schema, registered now but first used during the outage.
        Schema laterVersion = withExtraField(RawPopulationRow.getClassSchema());
        int laterVersionId = raw.registry().register(rawTopic + "-value", laterVersion);
        PopulationFile file = new PopulationFile(work.resolve("unused.csv"), 3 * BATCH, INVALID_EVERY);
        List<String> args = FaultTests.validatorArgs(work, STACK, prefix);

        send(raw, rawTopic, file, 1, BATCH, null);
        try (ValidatorProcess validator = ValidatorProcess.start(work.resolve("validator.log"), args)) {
            FaultTests.awaitDecided(bootstrap, cleanTopic, dlqTopic, BATCH, WAIT, validator);
            STACK.killRegistry();

            // Rows written with a schema the validator has already fetched need no registry.
            send(raw, rawTopic, file, BATCH + 1, 2 * BATCH, null);
            FaultTests.awaitDecided(bootstrap, cleanTopic, dlqTopic, 2 * BATCH, WAIT, validator);
            assertThat(validator.isAlive()).isTrue();

            // A schema id it has not fetched yet: it must ask the registry, which is down.
            send(raw, rawTopic, file, 2 * BATCH + 1, 3 * BATCH, new LaterVersion(laterVersion, laterVersionId));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> !validator.isAlive());
            assertThat(validator.stop())
                    .as("exit code of a validator stopped by the outage")
                    .isEqualTo(1);
            assertThat(validator.log()).contains(STOP_LINE);
            assertThat(validator.log().lines().filter(line -> line.contains(STOP_LINE)))
                    .as("said once")
                    .hasSize(1);
        }
        assertThat(TopicAccounting.decided(bootstrap, cleanTopic, dlqTopic))
                .as("nothing decided for the outage")
                .isEqualTo(2 * BATCH);

        try (ValidatorProcess whileDown = ValidatorProcess.start(work.resolve("validator-while-down.log"), args)) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> !whileDown.isAlive());
            assertThat(whileDown.stop())
                    .as("exit code of a start while the registry is down")
                    .isEqualTo(1);
            List<String> errors = whileDown
                    .log()
                    .lines()
                    .filter(line -> line.startsWith("error:"))
                    .toList();
            assertThat(errors)
                    .singleElement()
                    .asString()
                    .startsWith("error: Schema registry at " + STACK.schemaRegistryUrl() + " is not usable");
        }

        STACK.startRegistry();
        SchemaRegistryClient fresh =
                SchemaRegistryClient.fromConfig(Map.of("schema.registry.url", STACK.schemaRegistryUrl()));
        assertThat(fresh.schemaById(laterVersionId))
                .as("the restarted registry knows the ids it issued")
                .isEqualTo(laterVersion);

        try (ValidatorProcess resumed = ValidatorProcess.start(work.resolve("validator-resumed.log"), args)) {
            FaultTests.awaitDecided(bootstrap, cleanTopic, dlqTopic, 3 * BATCH, WAIT, resumed);
            Thread.sleep(2000); // anything still to come would be a duplicate
            assertThat(resumed.isAlive()).isTrue();
            assertThat(resumed.stop()).isIn(0, 143);
        }

        TopicAccounting topics = TopicAccounting.read(bootstrap, fresh, rawTopic, cleanTopic, dlqTopic);
        assertThat(topics.raw()).hasSize(3 * BATCH);
        topics.assertCleanMatches(file);
        Map<String, List<String>> deadLetters = topics.deadLetterCodesByKey();
        assertThat(deadLetters.keySet())
                .as("dead letters: exactly the invalid rows, none for the outage")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 3 * BATCH)
                        .filter(id -> !file.isValid(id))
                        .mapToObj(Integer::toString)
                        .toList());
        deadLetters.forEach((key, codes) ->
                assertThat(codes).as("dead letters of Id %s", key).containsExactly("ESTIMATE_NOT_A_NUMBER"));
        assertThat(topics.raw())
                .as("raw = clean + dead letters + absorbed (0: no re-sends)")
                .hasSize(topics.clean().size() + topics.deadLetters().size());
    }

    /** The raw schema with one more field, which has a default: a BACKWARD-compatible new version. */
    private static Schema withExtraField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("survey_note", Schema.create(Schema.Type.STRING), "added in a later version", ""));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private record LaterVersion(Schema schema, int id) {}

    /** Rows {@code from..to} of the file, keyed by Id, in the current schema or in {@code later}. */
    private static void send(RawRecords raw, String topic, PopulationFile file, int from, int to, LaterVersion later)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        STACK.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int id = from; id <= to; id++) {
                RawPopulationRow row = RawRecords.row(
                        file.neighborhood(id),
                        Integer.toString(id),
                        file.isValid(id) ? Long.toString(file.estimate(id)) : "x",
                        Double.toString(file.marginOfError(id)),
                        "registry-run",
                        PopulationFile.line(id));
                byte[] value = later == null ? raw.encode(topic, row) : encode(row, later);
                byte[] key = Integer.toString(id).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
        }
    }

    /** Confluent framing of {@code row} written with the later schema version. */
    private static byte[] encode(RawPopulationRow row, LaterVersion later) throws IOException {
        GenericRecord record = new GenericData.Record(later.schema());
        for (Schema.Field field : RawPopulationRow.getClassSchema().getFields()) {
            record.put(field.name(), row.get(field.pos()));
        }
        record.put("survey_note", "sent while the registry was down");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(WireFormat.HEADER_LENGTH)
                .put(WireFormat.MAGIC_BYTE)
                .putInt(later.id())
                .array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        // Specific: the generated classes' model converts the lineage's Instant (timestamp-millis).
        new SpecificDatumWriter<GenericRecord>(later.schema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
