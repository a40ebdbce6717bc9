package org.popsurvey.enricher.decode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.serde.ConfluentAvroDecoder;

/**
 * One registry client and its decoders per executor JVM and registry configuration, created on
 * first use. The client caches schemas by id, so each writer schema is fetched once per JVM, however
 * many partitions and batches follow.
 *
 * @param records decodes a value into today's {@link PopulationRecord}
 * @param ids     decodes only its {@code id}: the reader schema is {@link PopulationRecord} reduced
 *                to that field, so Avro's schema resolution skips every other field without
 *                building it, yet still fails on a value that is malformed anywhere
 */
record RegistryDecoders(ConfluentAvroDecoder<PopulationRecord> records, ConfluentAvroDecoder<GenericRecord> ids) {

    static final String ID_FIELD = "id";
    private static final Map<Map<String, String>, RegistryDecoders> DECODERS = new ConcurrentHashMap<>();

    static RegistryDecoders forConfig(Map<String, String> registryConfig) {
        return DECODERS.computeIfAbsent(registryConfig, config -> {
            SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(config);
            return new RegistryDecoders(
                    ConfluentAvroDecoder.specific(registry, PopulationRecord.getClassSchema()),
                    new ConfluentAvroDecoder<>(registry, false, idOnly(PopulationRecord.getClassSchema())));
        });
    }

    /** {@code schema} with its Id field alone (same full name, so writer schemas resolve to it). */
    static Schema idOnly(Schema schema) {
        Schema.Field id = schema.getField(ID_FIELD);
        return Schema.createRecord(
                schema.getName(),
                schema.getDoc(),
                schema.getNamespace(),
                false,
                List.of(new Schema.Field(id, id.schema())));
    }
}
