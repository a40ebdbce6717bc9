package org.popsurvey.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.popsurvey.deadletter.DeadLetter;

/**
 * Dead letters per code, in total and since a moment, read from the dead-letter topic with
 * read_committed and no consumer group (nothing is committed; like {@code dlq stats}).
 */
final class DeadLetterTally {

    private static final Duration POLL = Duration.ofMillis(500);

    /** Per code: dead letters in total and since the moment asked for; {@code records} counts each dead letter once. */
    record Counts(long records, long recordsSince, Map<String, Long> total, Map<String, Long> since) {}

    private DeadLetterTally() {}

    static Counts count(Map<String, Object> clientConfig, TopicEnds topic, Instant since) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, Long> total = new TreeMap<>();
        Map<String, Long> recent = new TreeMap<>();
        long records = 0;
        long recordsSince = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (Map.Entry<Integer, Long> partitionEnd : topic.end().entrySet()) {
                TopicPartition partition = new TopicPartition(topic.topic(), partitionEnd.getKey());
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = partitionEnd.getValue();
                while (consumer.position(partition) < end) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        if (record.offset() >= end) {
                            continue;
                        }
                        DeadLetter letter = DeadLetter.of(record);
                        boolean recentOne = !letter.deadLetteredAt().isBefore(since);
                        records++;
                        recordsSince += recentOne ? 1 : 0;
                        for (String code : letter.codes()) {
                            total.merge(code, 1L, Long::sum);
                            if (recentOne) {
                                recent.merge(code, 1L, Long::sum);
                            }
                        }
                    }
                }
            }
        }
        return new Counts(records, recordsSince, total, recent);
    }
}
