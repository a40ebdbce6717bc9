package org.popsurvey.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.popsurvey.cli.CommandFailedException;

/**
 * Reads the dead-letter topic without a consumer group (nothing is committed, nothing moves for
 * anyone else), with {@code isolation.level=read_committed}: dead letters of aborted validator
 * transactions are never shown. A scan covers every partition from the beginning to the end
 * offsets seen when it starts.
 */
public final class DeadLetterReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String bootstrapServers;

    public DeadLetterReader(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.bootstrapServers = String.valueOf(clientConfig.get("bootstrap.servers"));
    }

    public List<TopicPartition> partitions() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            throw new CommandFailedException(
                    "Kafka at " + bootstrapServers + " did not answer within " + METADATA_TIMEOUT.toSeconds()
                            + " s. Is the broker running (./popsurvey stack status)?",
                    e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new CommandFailedException("Dead-letter topic " + topic + " does not exist on " + bootstrapServers
                    + " (nothing was dead-lettered yet, or another --dlq-topic was meant).");
        }
        return infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
    }

    /** Every committed dead letter, partition by partition, in offset order. */
    public void scan(Consumer<DeadLetter> sink) {
        for (TopicPartition partition : partitions()) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end) {
                        sink.accept(DeadLetter.of(record));
                    }
                }
            }
        }
        consumer.assign(List.of());
    }

    /** The dead letter at this partition and offset, if one was committed there. */
    public Optional<DeadLetter> at(int partitionNumber, long offset) {
        TopicPartition partition = partitions().stream()
                .filter(p -> p.partition() == partitionNumber)
                .findFirst()
                .orElseThrow(() -> new CommandFailedException(
                        "Dead-letter topic " + topic + " has no partition " + partitionNumber));
        consumer.assign(List.of(partition));
        long start = consumer.beginningOffsets(List.of(partition)).get(partition);
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        if (offset < start || offset >= end) {
            return Optional.empty();
        }
        consumer.seek(partition, offset);
        while (consumer.position(partition) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() == offset) {
                    return Optional.of(DeadLetter.of(record));
                }
                if (record.offset() > offset) {
                    return Optional.empty(); // a transaction marker or an aborted record
                }
            }
        }
        return Optional.empty();
    }

    /** The valid offset range of a partition, for messages. */
    public String range(int partitionNumber) {
        TopicPartition partition = new TopicPartition(topic, partitionNumber);
        return consumer.beginningOffsets(List.of(partition)).get(partition) + ".."
                + (consumer.endOffsets(List.of(partition)).get(partition) - 1);
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
