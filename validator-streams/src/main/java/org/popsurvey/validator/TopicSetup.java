package org.popsurvey.validator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.popsurvey.cli.CommandFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the validator's topics when they are missing and checks the one rule they must follow.
 * New topics get the raw topic's partition count, unless told otherwise, and the broker's default
 * replication factor. The clean topic is created compacted: it holds one record per accepted Id
 * (a re-send is absorbed or dead-lettered, never written twice), and the validator rebuilds its
 * accepted Ids from it, so it must keep every Id for as long as re-sends are to be recognised.
 * The dead-letter topic is created with a larger {@code max.message.bytes} than the raw topic, so
 * that a dead letter (the raw record plus its explanation) always fits; an existing one that is
 * smaller is accepted with a warning (a dead letter that does not fit is then written without its
 * value, see {@link DeadLetterFactory}). A clean topic that deletes old records is refused.
 * A topic that may not be created is a clear error.
 */
public final class TopicSetup {

    /**
     * The clean topic's settings: compacted, so it keeps the latest record of every accepted Id for
     * as long as the topic lives; it is the changelog the accepted Ids are rebuilt from.
     */
    public static final Map<String, String> CLEAN_TOPIC_CONFIG =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String bootstrapServers;

    TopicSetup(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /** What the validator needs to know of its topics. */
    record TopicFacts(int partitions, int deadLetterMaxBytes) {}

    /**
     * @param partitions        partitions of any topic created; empty = the input topic's count, or 1
     * @param replicationFactor empty = the broker's default
     */
    TopicFacts ensure(
            String inputTopic,
            String cleanTopic,
            String deadLetterTopic,
            Optional<Integer> partitions,
            Optional<Short> replicationFactor) {
        Set<String> existing = listTopics();
        if (!existing.contains(inputTopic)) {
            create(new NewTopic(inputTopic, Optional.of(partitions.orElse(1)), replicationFactor));
        }
        // Counted after the input topic surely exists: a topic created a moment ago may be missing
        // from the listing (broker metadata lags the controller) and its creation then says "exists".
        int count = partitions.orElseGet(() -> partitionsOf(inputTopic));
        int rawMaxBytes = maxMessageBytes(inputTopic);
        int wantedDeadLetterBytes =
                (int) Math.min(Integer.MAX_VALUE, (long) rawMaxBytes + ValidatorSettings.DEAD_LETTER_HEADROOM_BYTES);
        if (!existing.contains(cleanTopic)) {
            create(new NewTopic(cleanTopic, Optional.of(count), replicationFactor).configs(CLEAN_TOPIC_CONFIG));
        }
        if (!existing.contains(deadLetterTopic)) {
            // Larger than the raw topic's limit: a dead letter is the raw record plus its explanation.
            create(new NewTopic(deadLetterTopic, Optional.of(count), replicationFactor)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(wantedDeadLetterBytes))));
        }
        requireSamePartitionCount(inputTopic, cleanTopic);
        requireCleanTopicKeepsEveryId(cleanTopic);
        int deadLetterMaxBytes = maxMessageBytes(deadLetterTopic);
        if (deadLetterMaxBytes < wantedDeadLetterBytes) {
            log.warn(
                    "Topic {} takes records up to max.message.bytes={}, less than {}'s {} plus {} for the "
                            + "explanation headers: a dead letter that does not fit is written without its value "
                            + "(header __popsurvey.errors.value.omitted names its length and SHA-256). To keep every value: "
                            + "kafka-configs.sh --bootstrap-server {} --alter --entity-type topics --entity-name {} "
                            + "--add-config max.message.bytes={}",
                    deadLetterTopic,
                    deadLetterMaxBytes,
                    inputTopic,
                    rawMaxBytes,
                    ValidatorSettings.DEAD_LETTER_HEADROOM_BYTES,
                    bootstrapServers,
                    deadLetterTopic,
                    wantedDeadLetterBytes);
        }
        return new TopicFacts(partitionsOf(inputTopic), deadLetterMaxBytes);
    }

    /**
     * The accepted Ids are rebuilt from the clean topic: a retention that deletes old records
     * (time or size, the broker's default {@code delete} policy) would forget Ids, and their
     * re-sends would be accepted twice. Compacted only, or unlimited retention.
     */
    private void requireCleanTopicKeepsEveryId(String cleanTopic) {
        Config config = topicConfig(cleanTopic);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value().replace(" ", "");
        long retentionMs =
                Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
        long retentionBytes =
                Long.parseLong(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value());
        boolean compactedOnly = TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy);
        if (!compactedOnly && (retentionMs >= 0 || retentionBytes >= 0)) {
            throw new CommandFailedException("Topic " + cleanTopic + " has cleanup.policy=" + policy
                    + " with retention.ms=" + retentionMs + " and retention.bytes=" + retentionBytes
                    + ": it would delete clean records, and the validator, which rebuilds its accepted Ids from "
                    + "them, would accept their re-sends again. Use a "
                    + "compacted topic (cleanup.policy=compact) or unlimited retention (retention.ms=-1, "
                    + "retention.bytes=-1), or give --clean-topic a new name (created compacted).");
        }
    }

    private int maxMessageBytes(String topic) {
        return Integer.parseInt(
                topicConfig(topic).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
    }

    private Config topicConfig(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return answerOnceKnown(
                        () -> admin.describeConfigs(List.of(resource)).all(),
                        "read the configuration of topic " + topic)
                .get(resource);
    }

    /**
     * Task n reads raw partition n and rebuilds its accepted Ids from clean partition n; with Id
     * keys on both topics and the same count, an Id's rows and its clean record share that number.
     */
    private void requireSamePartitionCount(String inputTopic, String cleanTopic) {
        int raw = partitionsOf(inputTopic);
        int clean = partitionsOf(cleanTopic);
        if (raw != clean) {
            throw new CommandFailedException("Topic " + cleanTopic + " has " + clean + " partition(s) but " + inputTopic
                    + " has " + raw + ". The validator recognises re-sends per partition, from the clean partition "
                    + "with the raw partition's number, so both topics need the same count: give --clean-topic a "
                    + "topic with " + raw + " partition(s) (a new name is created with the right count).");
        }
    }

    private void create(NewTopic spec) {
        try {
            admin.createTopics(List.of(spec)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Created topic {} with {} partition(s)", spec.name(), spec.numPartitions());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return; // created meanwhile by someone else: fine
            }
            throw new CommandFailedException(
                    "Topic " + spec.name() + " does not exist and could not be created on "
                            + bootstrapServers + ": " + e.getCause().getMessage()
                            + ". Create it beforehand, or run with a principal allowed to create topics.",
                    e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while creating topic " + spec.name(), e);
        }
    }

    private Set<String> listTopics() {
        return answer(admin.listTopics().names(), "list topics");
    }

    private int partitionsOf(String topic) {
        TopicDescription description = answerOnceKnown(
                        () -> admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic)
                .get(topic);
        return description.partitions().size();
    }

    /**
     * As {@link #answer}, asked again while the broker does not know the topic yet: a topic just
     * created reaches every broker's metadata a moment later, and a question in between is refused.
     */
    private <T> T answerOnceKnown(Supplier<KafkaFuture<T>> call, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return answer(call.get(), what);
            } catch (CommandFailedException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailedException("Interrupted while trying to " + what, e);
            }
        }
    }

    /** The admin call's answer; any failure is one line saying what could not be done, and where. */
    private <T> T answer(KafkaFuture<T> call, String what) {
        try {
            return call.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CommandFailedException(
                    "Cannot " + what + " on Kafka at " + bootstrapServers + ": " + reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while trying to " + what, e);
        }
    }

    /** The broker's message, or the error's name when it sent none (some errors carry no text). */
    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private CommandFailedException unreachable(TimeoutException e) {
        // No cause: a bare TimeoutException says nothing more than this message.
        return new CommandFailedException("Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT_SECONDS
                + " s. Is the broker running (./popsurvey stack status)?");
    }
}
