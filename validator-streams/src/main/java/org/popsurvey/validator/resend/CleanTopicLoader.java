package org.popsurvey.validator.resend;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a clean-topic partition from the beginning to its end with a {@code read_committed}
 * consumer and keeps each Id's clean value: exactly the rows the task accepted and committed.
 *
 * <p>Why this is exactly the committed state: the validator calls it from its processor's
 * {@code init}, which Kafka Streams runs after fetching the task's committed input offsets; under
 * exactly_once_v2 that fetch waits until no transaction that committed offsets for this task is
 * still open (KIP-447). Every transaction that wrote this task's clean records also committed its
 * input offsets, so by then each of them is committed or aborted, and the partition's end is
 * stable. After a crash or an aborted transaction Streams re-initialises the task, and with it this
 * state, so accepted Ids of an aborted transaction are forgotten along with their clean records.
 */
public final class CleanTopicLoader implements AcceptedIdsLoader {

    private static final Logger log = LoggerFactory.getLogger(CleanTopicLoader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Generous: a million Ids load in seconds; past this the broker is the problem. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, Object> clientConfig;

    /** @param clientConfig bootstrap servers and any security settings, as given to the validator */
    public CleanTopicLoader(Map<String, Object> clientConfig) {
        this.clientConfig = clientConfig;
    }

    @Override
    public AcceptedIds load(TopicPartition partition) {
        long started = System.nanoTime();
        Map<Integer, byte[]> cleanValues = new HashMap<>();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(partition), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new StreamsException("Could not read " + partition + " to its end (offset " + end
                            + ") within " + TIMEOUT.toMinutes() + " min to rebuild the accepted Ids; is the broker "
                            + "healthy?");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    records++;
                    remember(record, cleanValues);
                }
            }
        }
        log.info(
                "Rebuilt {} accepted Id(s) from {} record(s) of {} in {} ms",
                cleanValues.size(),
                records,
                partition,
                (System.nanoTime() - started) / 1_000_000);
        return new AcceptedIds(cleanValues);
    }

    private static void remember(ConsumerRecord<byte[], byte[]> record, Map<Integer, byte[]> cleanValues) {
        Integer id = idOf(record.key());
        if (id == null) {
            log.warn(
                    "Ignoring {}-{}@{}: its key is not an Id, so the validator did not write it",
                    record.topic(),
                    record.partition(),
                    record.offset());
        } else if (record.value() == null) {
            cleanValues.remove(id); // a tombstone: someone deleted the Id's clean row on purpose
        } else {
            cleanValues.put(id, record.value());
        }
    }

    private static Integer idOf(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return Integer.valueOf(new String(key, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The validator's client settings (security included), read_committed, no group: offsets are not kept. */
    private Map<String, Object> consumerConfig(TopicPartition partition) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "popsurvey-validator-accepted-ids-" + partition);
        return config;
    }
}
