package org.popsurvey.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.popsurvey.registry.RegisteredSchema;
import org.popsurvey.registry.SchemaRegistryClient;

/**
 * Writes Avro records in the Confluent wire format, under the TopicNameStrategy subject.
 * With {@code auto.register.schemas=true} (default) the record's schema is registered (once; then
 * cached); otherwise its id is looked up, or with {@code use.latest.version=true} the subject's
 * latest schema is used to write. Registry failures are thrown as they are
 * ({@link org.popsurvey.registry.SchemaRegistryException}), so callers can tell an incompatible
 * schema from an unreachable registry.
 */
public class ConfluentAvroSerializer<T extends GenericContainer> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();

    public ConfluentAvroSerializer() {}

    /** For callers that share one registry client between serdes. */
    public ConfluentAvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        if (registry == null) {
            registry = new SchemaRegistryClient(config);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("ConfluentAvroSerializer used before configure()");
        }
        String subject = AvroSerdeConfig.subjectFor(topic, isKey);
        Schema schema = data.getSchema();
        int id;
        if (config.autoRegisterSchemas()) {
            id = registry.register(subject, schema);
        } else if (config.useLatestVersion()) {
            RegisteredSchema latest = latestBySubject.computeIfAbsent(subject, registry::latest);
            id = latest.id();
            schema = latest.schema();
        } else {
            id = registry.idOf(subject, schema);
        }
        return encode(id, schema, data);
    }

    private byte[] encode(int id, Schema schema, T data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_LENGTH);
        WireFormat.writeHeader(header, id);
        out.writeBytes(header.array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(
                            schema,
                            s -> data instanceof SpecificRecord
                                    ? new SpecificDatumWriter<>(s)
                                    : new GenericDatumWriter<>(s))
                    .write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getFullName() + " with schema id " + id, e);
        }
        return out.toByteArray();
    }
}
