package org.popsurvey.enricher.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of a topic's last committed records, as Spark's Kafka source options
 * ({@code startingOffsets}, {@code endingOffsets}): what a batch read of the topic's tail needs.
 */
public final class TopicTail {

    private static final long TIMEOUT_SECONDS = 30;

    private TopicTail() {}

    /**
     * The last {@code perPartition} committed offsets of each partition of {@code topic}, or empty
     * when the topic holds no committed record.
     */
    public static Optional<Map<String, String>> offsetOptions(
            Map<String, Object> kafkaClientConfig, String topic, int perPartition)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<Integer, Long> ends = new TreeMap<>();
        try (Admin admin = Admin.create(kafkaClientConfig)) {
            List<TopicPartition> partitions = admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            // The last stable offset: the stream reads committed records only.
            admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((partition, offset) -> ends.put(partition.partition(), offset.offset()));
        }
        ends.values().removeIf(end -> end <= 0);
        if (ends.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Long> starts = new TreeMap<>();
        ends.forEach((partition, end) -> starts.put(partition, Math.max(0, end - perPartition)));
        return Optional.of(Map.of("startingOffsets", json(topic, starts), "endingOffsets", json(topic, ends)));
    }

    private static String json(String topic, Map<Integer, Long> offsets) {
        return offsets.entrySet().stream()
                .map(offset -> "\"" + offset.getKey() + "\":" + offset.getValue())
                .collect(Collectors.joining(",", "{\"" + topic + "\":{", "}}"));
    }
}
