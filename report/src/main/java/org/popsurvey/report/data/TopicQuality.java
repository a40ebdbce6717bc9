package org.popsurvey.report.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.deadletter.DeadLetter;

/**
 * The pipeline's accounting read from the topics themselves ({@code read_committed}, no consumer
 * group, nothing committed): rows on the raw topic, clean records, dead letters per code and when
 * each was dead-lettered. Absorbed re-sends are what is left: raw = clean + dead letters + absorbed.
 */
public final class TopicQuality {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    /** The counts, dead letters per code (a dead letter with two codes counts under each) and their times. */
    public record Result(
            long rawRows,
            long cleanRecords,
            long deadLetters,
            Map<String, Long> perCode,
            List<Instant> deadLetteredAt) {
        public long absorbed() {
            return Math.max(0, rawRows - cleanRecords - deadLetters);
        }
    }

    private final Map<String, Object> clientConfig;

    public TopicQuality(Map<String, Object> clientConfig) {
        this.clientConfig = clientConfig;
    }

    public Result read(String rawTopic, String cleanTopic, String deadLetterTopic) {
        long[] raw = {0};
        long[] clean = {0};
        long[] deadLetters = {0};
        Map<String, Long> perCode = new TreeMap<>();
        List<Instant> times = new ArrayList<>();
        scan(rawTopic, record -> raw[0]++);
        scan(cleanTopic, record -> clean[0]++);
        scan(deadLetterTopic, record -> {
            DeadLetter letter = DeadLetter.of(record);
            deadLetters[0]++;
            letter.codes().forEach(code -> perCode.merge(code, 1L, Long::sum));
            times.add(letter.deadLetteredAt());
        });
        return new Result(raw[0], clean[0], deadLetters[0], perCode, times);
    }

    private void scan(String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "popsurvey-report");
        String servers = String.valueOf(config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            } catch (TimeoutException e) {
                throw new CommandFailedException(
                        "Kafka at " + servers + " did not answer within " + METADATA_TIMEOUT.toSeconds()
                                + " s (reading " + topic + " for the data-quality section)",
                        e);
            }
            if (infos == null || infos.isEmpty()) {
                return; // no such topic yet: nothing there
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, METADATA_TIMEOUT) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        sink.accept(record);
                    }
                }
            }
        }
    }
}
