package org.popsurvey.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.popsurvey.registry.IncompatibleSchemaException;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.testkit.RealKafkaStack;

/** The serde against the real registry (Apicurio, Confluent API). */
class ConfluentAvroSerdeIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static String uniqueTopic() {
        return "serde-it-" + UUID.randomUUID();
    }

    private Map<String, Object> config(Object... extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("schema.registry.url", STACK.schemaRegistryUrl()));
        for (int i = 0; i < extra.length; i += 2) {
            config.put((String) extra[i], extra[i + 1]);
        }
        return config;
    }

    private static RawPopulationRow row(String name, String id) {
        return RawPopulationRow.newBuilder()
                .setNeighborhood(name)
                .setId(id)
                .setEstimate("2558.0")
                .setMarginOfError("449.773276218")
                .setExtraCells(List.of())
                .setLineage(SourceLineage.newBuilder()
                        .setSourceFile("total-population.csv")
                        .setLineNumber(4)
                        .setBatchNumber(1)
                        .setProducerRunId("run-1")
                        .setReadTimestamp(Instant.parse("2026-11-28T05:00:00Z"))
                        .build())
                .build();
    }

    @Test
    void roundTripIsConfluentFramedAndTheIdResolvesThroughTheRegistry() {
        String topic = uniqueTopic();
        ConfluentAvroSerializer<RawPopulationRow> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config(), false);
        byte[] bytes = serializer.serialize(topic, row("Allentown", "3"));

        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        int id = WireFormat.schemaId(bytes);
        SchemaRegistryClient independent = SchemaRegistryClient.fromConfig(config());
        assertThat(independent.schemaById(id)).isEqualTo(RawPopulationRow.getClassSchema());
        assertThat(independent.latest(topic + "-value").id()).isEqualTo(id);

        ConfluentAvroDeserializer<GenericRecord> generic = new ConfluentAvroDeserializer<>();
        generic.configure(config(), false);
        GenericRecord decoded = generic.deserialize(topic, bytes);
        assertThat(decoded).isInstanceOf(GenericData.Record.class);
        assertThat(decoded.get("neighborhood").toString()).isEqualTo("Allentown");
        assertThat(decoded.get("margin_of_error").toString()).isEqualTo("449.773276218");

        ConfluentAvroDeserializer<RawPopulationRow> specific = new ConfluentAvroDeserializer<>();
        specific.configure(config("specific.avro.reader", "true"), false);
        RawPopulationRow back = specific.deserialize(topic, bytes);
        assertThat(back).isEqualTo(row("Allentown", "3"));
    }

    @Test
    void recordWrittenWithAnOlderCompatibleSchemaDecodesIntoTodaysClass() throws IOException {
        String topic = uniqueTopic();
        String subject = topic + "-value";
        Schema v1 = readSchema("/evolution/RawPopulationRow-v1.avsc");
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(config());
        registry.setCompatibility(subject, "BACKWARD");

        GenericRecord old = new GenericRecordBuilder(v1)
                .set("neighborhood", "Hays")
                .set("id", "38")
                .set("estimate", "362")
                .set("margin_of_error", "152")
                .set(
                        "lineage",
                        new GenericRecordBuilder(v1.getField("lineage").schema())
                                .set("source_file", "old.csv")
                                .set("line_number", 39L)
                                .set("batch_number", 1)
                                .set("producer_run_id", "old-run")
                                .set("read_timestamp", 1_700_000_000_000L)
                                .build())
                .build();
        ConfluentAvroSerializer<GenericRecord> oldProducer = new ConfluentAvroSerializer<>();
        oldProducer.configure(config(), false);
        byte[] oldBytes = oldProducer.serialize(topic, old);

        // Today's schema adds extra_cells with a default: BACKWARD-compatible, so it registers.
        assertThat(registry.isCompatible(subject, RawPopulationRow.getClassSchema()))
                .isTrue();
        int newId = registry.register(subject, RawPopulationRow.getClassSchema());
        assertThat(newId).isNotEqualTo(WireFormat.schemaId(oldBytes));

        ConfluentAvroDeserializer<RawPopulationRow> reader =
                new ConfluentAvroDeserializer<>(null, RawPopulationRow.getClassSchema());
        reader.configure(config(), false);
        RawPopulationRow decoded = reader.deserialize(topic, oldBytes);
        assertThat(decoded.getNeighborhood()).isEqualTo("Hays");
        assertThat(decoded.getEstimate()).isEqualTo("362");
        assertThat(decoded.getExtraCells()).isEmpty();
        assertThat(decoded.getLineage().getLineNumber()).isEqualTo(39L);
        assertThat(decoded.getLineage().getReadTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void incompatibleChangeIsRefusedWithAClearError() {
        String topic = uniqueTopic();
        String subject = topic + "-value";
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(config());
        assertThat(registry.ensureCompatibility(subject, SchemaRegistryClient.BACKWARD))
                .isTrue();
        assertThat(registry.compatibility(subject)).isEqualTo("BACKWARD");
        assertThat(registry.ensureCompatibility(subject, SchemaRegistryClient.BACKWARD))
                .as("already set")
                .isFalse();
        registry.register(subject, RawPopulationRow.getClassSchema());

        // A new required field without a default cannot read old data: not BACKWARD-compatible.
        Schema breaking = new Schema.Parser().parse("""
                {"type":"record","name":"RawPopulationRow","namespace":"org.popsurvey.schemas","fields":[
                  {"name":"neighborhood","type":["null","string"],"default":null},
                  {"name":"population","type":"long"}]}""");
        assertThat(registry.isCompatible(subject, breaking)).isFalse();
        assertThatThrownBy(() -> registry.register(subject, breaking))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("409")
                .hasMessageContaining(STACK.schemaRegistryUrl());
    }

    @Test
    void poisonPillsAreTypedAndNamed() {
        String topic = uniqueTopic();
        ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config(), false);

        assertThatThrownBy(() -> deserializer.deserialize(topic, "Allentown,3,2558.0,449.7".getBytes()))
                .isInstanceOfSatisfying(
                        PoisonPillException.class,
                        e -> assertThat(e.reason()).isEqualTo(PoisonPillException.Reason.NOT_CONFLUENT_FRAMED));
        byte[] unknownId = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 'a'};
        assertThatThrownBy(() -> deserializer.deserialize(topic, unknownId))
                .isInstanceOfSatisfying(PoisonPillException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PoisonPillException.Reason.UNKNOWN_SCHEMA_ID);
                    assertThat(e.schemaId()).isEqualTo(0x7f7f7f7f);
                });

        ConfluentAvroSerializer<RawPopulationRow> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config(), false);
        byte[] good = serializer.serialize(topic, row("Bluff", "11"));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 10);
        assertThatThrownBy(() -> deserializer.deserialize(topic, truncated))
                .isInstanceOfSatisfying(
                        PoisonPillException.class,
                        e -> assertThat(e.reason()).isEqualTo(PoisonPillException.Reason.UNDECODABLE_AVRO));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> deserializer.deserialize(topic, trailing))
                .isInstanceOf(PoisonPillException.class)
                .hasMessageContaining("left over");
    }

    @Test
    void withoutAutoRegisterTheSerializerUsesTheRegisteredIdOrTheLatestVersion() {
        String topic = uniqueTopic();
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(config());
        int id = registry.register(topic + "-value", RawPopulationRow.getClassSchema());

        ConfluentAvroSerializer<RawPopulationRow> lookup = new ConfluentAvroSerializer<>();
        lookup.configure(config("auto.register.schemas", "false"), false);
        assertThat(WireFormat.schemaId(lookup.serialize(topic, row("Esplen", "31"))))
                .isEqualTo(id);

        ConfluentAvroSerializer<RawPopulationRow> latest = new ConfluentAvroSerializer<>();
        latest.configure(config("auto.register.schemas", "false", "use.latest.version", "true"), false);
        assertThat(WireFormat.schemaId(latest.serialize(topic, row("Esplen", "31"))))
                .isEqualTo(id);

        ConfluentAvroSerializer<RawPopulationRow> unregistered = new ConfluentAvroSerializer<>();
        unregistered.configure(config("auto.register.schemas", "false"), false);
        assertThatThrownBy(() -> unregistered.serialize(uniqueTopic(), row("Esplen", "31")))
                .isInstanceOf(org.popsurvey.registry.SchemaNotFoundException.class);
    }

    private static Schema readSchema(String resource) throws IOException {
        try (InputStream in = ConfluentAvroSerdeIT.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }
}
