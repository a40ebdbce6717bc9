package org.popsurvey.serde;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.popsurvey.registry.SchemaRegistryClient;

/**
 * Reads Confluent-framed Avro. Undecodable values raise {@link PoisonPillException}; an
 * unreachable registry raises {@link org.popsurvey.registry.SchemaRegistryUnavailableException}.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

    private final Schema readerSchema;
    private SchemaRegistryClient registry;
    private ConfluentAvroDecoder<T> decoder;

    public ConfluentAvroDeserializer() {
        this(null, null);
    }

    /** Reads into the generated class of {@code readerSchema}, whatever {@code specific.avro.reader} says. */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (registry == null) {
            registry = new SchemaRegistryClient(config);
        }
        boolean specific = readerSchema != null || config.specificAvroReader();
        decoder = new ConfluentAvroDecoder<>(registry, specific, readerSchema);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (decoder == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer used before configure()");
        }
        return decoder.decode(data);
    }
}
