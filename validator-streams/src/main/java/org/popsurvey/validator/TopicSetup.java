package org.popsurvey.validator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.popsurvey.cli.CommandFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the validator's topics when they are missing and checks the one rule they must follow.
 * New topics get the raw topic's partition count, unless told otherwise, and the broker's default
 * replication factor. The clean topic is created compacted: it holds one record per accepted Id
 * (a re-send is absorbed or dead-lettered, never written twice), and the validator rebuilds its
 * accepted Ids from it, so it must keep every Id for as long as re-sends are to be recognised.
 * A topic that may not be created is a clear error.
 */
final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String bootstrapServers;

    TopicSetup(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * @param partitions        partitions of any topic created; empty = the input topic's count, or 1
     * @param replicationFactor empty = the broker's default
     */
    void ensure(String inputTopic, String cleanTopic, String deadLetterTopic, Optional<Integer> partitions,
                Optional<Short> replicationFactor) {
        Set<String> existing = listTopics();
        int count = partitions.orElseGet(() -> existing.contains(inputTopic) ? partitionsOf(inputTopic) : 1);
        Map<String, NewTopic> missing = new LinkedHashMap<>();
        for (String topic : List.of(inputTopic, cleanTopic, deadLetterTopic)) {
            if (!existing.contains(topic)) {
                NewTopic spec = new NewTopic(topic, Optional.of(count), replicationFactor);
                missing.put(topic, topic.equals(cleanTopic)
                        ? spec.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                        : spec);
            }
        }
        missing.forEach((topic, spec) -> create(spec));
        requireSamePartitionCount(inputTopic, cleanTopic);
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
            throw new CommandFailedException("Topic " + spec.name() + " does not exist and could not be created on "
                    + bootstrapServers + ": " + e.getCause().getMessage()
                    + ". Create it beforehand, or run with a principal allowed to create topics.", e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while creating topic " + spec.name(), e);
        }
    }

    private Set<String> listTopics() {
        try {
            return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CommandFailedException("Cannot list topics on Kafka at " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while listing topics", e);
        }
    }

    private int partitionsOf(String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            throw new CommandFailedException("Cannot describe topic " + topic + " on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while describing topic " + topic, e);
        }
    }

    private CommandFailedException unreachable(TimeoutException e) {
        // No cause: a bare TimeoutException says nothing more than this message.
        return new CommandFailedException("Kafka at " + bootstrapServers + " did not answer within "
                + TIMEOUT_SECONDS + " s. Is the broker running (./popsurvey stack status)?");
    }
}
