package org.popsurvey.validator;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.serde.ConfluentAvroSerializer;

/** Encodes test input exactly as the producer does: RawPopulationRow values in the Confluent wire format. */
final class RawRecords {

    private final SchemaRegistryClient registry;
    private final Serializer<RawPopulationRow> rows;
    private final Map<String, Object> serdeConfig;

    RawRecords(String registryUrl) {
        this.serdeConfig = Map.of("schema.registry.url", registryUrl);
        this.registry = SchemaRegistryClient.fromConfig(serdeConfig);
        ConfluentAvroSerializer<RawPopulationRow> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(serdeConfig, false);
        this.rows = serializer;
    }

    SchemaRegistryClient registry() {
        return registry;
    }

    Map<String, Object> serdeConfig() {
        return serdeConfig;
    }

    byte[] encode(String topic, RawPopulationRow row) {
        return rows.serialize(topic, row);
    }

    static RawPopulationRow row(String neighborhood, String id, String estimate, String moe, String runId, long line) {
        return RawPopulationRow.newBuilder()
                .setNeighborhood(neighborhood)
                .setId(id)
                .setEstimate(estimate)
                .setMarginOfError(moe)
                .setExtraCells(new ArrayList<>())
                .setLineage(SourceLineage.newBuilder()
                        .setSourceFile("total-population.csv")
                        .setLineNumber(line)
                        .setBatchNumber((int) (line / 100) + 1)
                        .setProducerRunId(runId)
                        .setReadTimestamp(Instant.parse("2025-11-28T10:00:00Z"))
                        .build())
                .build();
    }

    /** The value bytes of a poison-pill corpus case that the test must build (value_kind). */
    byte[] poisonPill(String kind, String rawTopic) {
        byte[] validRow = encode(rawTopic, row("Allentown", "3", "2558.0", "449.773276218", "pill", 4));
        return switch (kind) {
            case "null" -> null;
            case "unknown-schema-id" ->
                ByteBuffer.allocate(9)
                        .put((byte) 0)
                        .putInt(0x7ffffff0)
                        .put(new byte[] {2, 4, 6, 8})
                        .array();
            case "framed-garbage" -> {
                byte[] garbage = Arrays.copyOf(validRow, 5 + 8);
                Arrays.fill(garbage, 5, garbage.length, (byte) 0xff);
                yield garbage;
            }
            case "truncated-row" -> Arrays.copyOf(validRow, validRow.length / 2);
            case "trailing-bytes" -> {
                byte[] longer = Arrays.copyOf(validRow, validRow.length + 2);
                longer[longer.length - 1] = 1;
                yield longer;
            }
            case "population-record" -> {
                ConfluentAvroSerializer<PopulationRecord> other = new ConfluentAvroSerializer<>(registry);
                other.configure(serdeConfig, false);
                // Registered under another topic's subject, then sent to the raw topic by mistake.
                yield other.serialize(
                        "validator-test.wrong-type",
                        PopulationRecord.newBuilder()
                                .setId(3)
                                .setNeighborhood("Allentown")
                                .setEstimate(2558)
                                .setMarginOfError(449.77)
                                .setMarginOfErrorStatus(MarginOfErrorStatus.MEASURED)
                                .setLineage(row("x", "3", "1", "1", "pill", 4).getLineage())
                                .build());
            }
            default -> throw new IllegalArgumentException("unknown value_kind " + kind);
        };
    }
}
