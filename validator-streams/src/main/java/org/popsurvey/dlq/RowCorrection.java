package org.popsurvey.dlq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.deadletter.CellText;
import org.popsurvey.deadletter.DeadLetter;
import org.popsurvey.registry.SchemaNotFoundException;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.serde.ConfluentAvroSerializer;
import org.popsurvey.serde.PoisonPillException;

/**
 * The key and value {@code dlq replay} sends for a dead letter: unchanged by default; with
 * {@code --set}, the row decoded, corrected and re-encoded through the registry (lineage kept, so
 * the clean record still names the original file and line).
 */
final class RowCorrection {

    static final List<String> FIELDS = List.of("neighborhood", "id", "estimate", "margin_of_error");

    /** What to send, and a readable list of the changes if there were any. */
    record Corrected(byte[] key, byte[] value, Optional<String> description) {}

    private final Map<String, Object> clientConfig;
    private final Map<String, String> changes;
    private final boolean keyFromId;
    private SchemaRegistryClient registry;

    RowCorrection(Map<String, Object> clientConfig, Map<String, String> changes, boolean keyFromId) {
        this.clientConfig = clientConfig;
        this.changes = changes;
        this.keyFromId = keyFromId;
    }

    Corrected apply(DeadLetter deadLetter, String topic) {
        if (changes.isEmpty() && !keyFromId) {
            return new Corrected(deadLetter.key(), deadLetter.value(), Optional.empty());
        }
        RawPopulationRow row = decode(deadLetter);
        changes.forEach((field, value) -> row.put(field, value));
        byte[] value = changes.isEmpty() ? deadLetter.value() : encode(row, topic);
        byte[] key = (keyFromId || changes.containsKey("id")) && row.getId() != null
                ? row.getId().getBytes(StandardCharsets.UTF_8)
                : deadLetter.key();
        Optional<String> description = changes.isEmpty()
                ? Optional.empty()
                : Optional.of(changes.entrySet().stream()
                        .map(change -> change.getKey() + "=" + CellText.quote(change.getValue()))
                        .collect(Collectors.joining("; ")));
        return new Corrected(key, value, description);
    }

    private RawPopulationRow decode(DeadLetter deadLetter) {
        try {
            return ConfluentAvroDecoder.<RawPopulationRow>specific(registry(), RawPopulationRow.getClassSchema())
                    .decode(deadLetter.value());
        } catch (PoisonPillException e) {
            throw new CommandFailedException(
                    "Dead letter " + deadLetter.position() + " does not decode ("
                            + e.getMessage() + "), so --set and --key-from-id cannot change it; replay it without them "
                            + "once its schema is registered, or leave it out",
                    e);
        }
    }

    private byte[] encode(RawPopulationRow row, String topic) {
        ConfluentAvroSerializer<RawPopulationRow> serializer = new ConfluentAvroSerializer<>(registry());
        serializer.configure(clientConfig, false);
        try {
            return serializer.serialize(topic, row);
        } catch (SchemaNotFoundException e) {
            // auto.register.schemas=false and the platform team has not registered it: say so, once.
            throw new CommandFailedException("Cannot re-encode the corrected row: " + e.getMessage(), e);
        }
    }

    private SchemaRegistryClient registry() {
        if (registry == null) {
            registry = SchemaRegistryClient.fromConfig(clientConfig);
        }
        return registry;
    }
}
