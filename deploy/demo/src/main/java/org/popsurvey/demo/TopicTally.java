package org.popsurvey.demo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Committed records on a topic, as a {@code read_committed} consumer sees them: the count and the
 * distinct keys. Reads each partition from the start up to its current end (no consumer group).
 */
final class TopicTally {

    record Tally(long records, Set<String> keys) {}

    private final String bootstrapServers;
    private final Map<String, Object> security;

    TopicTally(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** Reads with {@code security} (a secured stack's admin settings). */
    TopicTally(String bootstrapServers, Map<String, Object> security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    Tally count(String topic) {
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "popsurvey-demo-tally"));
        long records = 0;
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        records++;
                        keys.add(record.key());
                    }
                }
            }
        }
        return new Tally(records, keys);
    }
}
