package org.popsurvey.producer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.popsurvey.cli.IdempotentDelivery;

/**
 * The Kafka producer configuration. Delivery guarantees are the product's promise, so they are
 * applied after the user's {@code --config} properties and cannot be weakened by them; everything
 * else in the file (security, client id, compression...) passes through.
 */
final class ProducerSettings {

    /** Default bound on retrying one record: Kafka's own default. */
    static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(2);
    /** How long a send may block waiting for metadata (an unreachable broker at start-up). */
    static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(30);

    private ProducerSettings() {}

    static Map<String, Object> build(Map<String, Object> clientConfig, Duration deliveryTimeout) {
        Map<String, Object> config = new HashMap<>();
        // Bounded blocking and a short linger unless the file says otherwise.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) DEFAULT_MAX_BLOCK.toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "popsurvey-producer");
        config.putAll(clientConfig);
        // Exactly-once delivery per partition: retries cannot duplicate or reorder.
        IdempotentDelivery.applyTo(config);
        // Retries stop at the delivery timeout; then the run fails naming the line.
        int deliveryMs = (int) deliveryTimeout.toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, Math.max(1_000, deliveryMs - 5_005)));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }
}
