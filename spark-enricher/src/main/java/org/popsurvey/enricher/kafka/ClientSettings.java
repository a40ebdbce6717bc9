package org.popsurvey.enricher.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.popsurvey.registry.RegistryClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the connection settings ({@code --bootstrap-servers}, {@code --schema-registry-url},
 * {@code --config FILE}) into Spark's Kafka source options and the registry client's settings.
 * Everything else in the file goes to the Kafka consumer untouched, except the settings Spark's
 * Kafka source owns and refuses (deserializers, offset handling), which are skipped with a warning.
 */
public final class ClientSettings {

    private static final Logger log = LoggerFactory.getLogger(ClientSettings.class);

    /** Consumer settings the Spark Kafka source manages itself and rejects if given. */
    public static final Set<String> OWNED_BY_SPARK = Set.of(
            "key.deserializer", "value.deserializer", "enable.auto.commit", "auto.offset.reset", "interceptor.classes");

    /** Prefix of Kafka consumer settings in Spark's Kafka source options. */
    public static final String SPARK_KAFKA_PREFIX = "kafka.";

    private final Map<String, String> kafkaOptions;
    private final Map<String, String> registryConfig;

    private ClientSettings(Map<String, String> kafkaOptions, Map<String, String> registryConfig) {
        this.kafkaOptions = kafkaOptions;
        this.registryConfig = registryConfig;
    }

    public static ClientSettings from(Map<String, Object> clientConfig) {
        Set<String> registryNames = RegistryClientConfig.CONFIG_DEF.names();
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> registry = new LinkedHashMap<>();
        clientConfig.forEach((name, value) -> {
            String text = String.valueOf(value);
            if (registryNames.contains(name)) {
                registry.put(name, text);
            } else if (OWNED_BY_SPARK.contains(name)) {
                log.warn("Ignoring Kafka setting {} from --config: Spark's Kafka source manages it", name);
            } else {
                kafka.put(SPARK_KAFKA_PREFIX + name, text);
            }
        });
        return new ClientSettings(kafka, registry);
    }

    public Map<String, String> kafkaOptions() {
        return kafkaOptions;
    }

    /** Kafka client settings without Spark's prefix, for admin calls. */
    public Map<String, Object> kafkaClientConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        kafkaOptions.forEach((name, value) -> config.put(name.substring(SPARK_KAFKA_PREFIX.length()), value));
        return config;
    }

    public Map<String, String> registryConfig() {
        return registryConfig;
    }
}
