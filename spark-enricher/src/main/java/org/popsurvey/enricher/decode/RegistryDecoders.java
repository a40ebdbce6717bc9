package org.popsurvey.enricher.decode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.serde.ConfluentAvroDecoder;

/**
 * One registry client and decoder per executor JVM and registry configuration, created on first
 * use. The client caches schemas by id, so each writer schema is fetched once per JVM, however
 * many partitions and batches follow.
 */
final class RegistryDecoders {

    private static final Map<Map<String, String>, ConfluentAvroDecoder<PopulationRecord>> DECODERS =
            new ConcurrentHashMap<>();

    private RegistryDecoders() {
    }

    static ConfluentAvroDecoder<PopulationRecord> forConfig(Map<String, String> registryConfig) {
        return DECODERS.computeIfAbsent(registryConfig, config -> ConfluentAvroDecoder.specific(
                SchemaRegistryClient.fromConfig(config), PopulationRecord.getClassSchema()));
    }
}
