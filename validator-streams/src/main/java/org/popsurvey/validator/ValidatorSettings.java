package org.popsurvey.validator;

import java.util.Objects;
import org.popsurvey.deadletter.VersionProvider;
import org.popsurvey.schemas.Topics;
import org.popsurvey.validator.rules.RecordLimits;
import org.popsurvey.validator.rules.RowValidator;

/**
 * What the validator topology needs to know beyond the client configuration.
 *
 * @param inputTopic            raw rows ({@code population.raw})
 * @param cleanTopic            valid records ({@code population.clean})
 * @param deadLetterTopic       rejected records ({@code population.dlq})
 * @param applicationId         Kafka Streams {@code application.id}: consumer group and transactional id prefix
 * @param maxNeighborhoodLength longest accepted neighborhood name, in characters
 * @param applicationVersion    written to every dead letter
 * @param limits                bounds on one raw record's size and shape
 * @param partitions            the raw (and clean) topic's partition count, for the partitioning check
 * @param deadLetterMaxBytes    the dead-letter topic's {@code max.message.bytes}: the largest dead letter
 */
public record ValidatorSettings(
        String inputTopic,
        String cleanTopic,
        String deadLetterTopic,
        String applicationId,
        int maxNeighborhoodLength,
        String applicationVersion,
        RecordLimits limits,
        int partitions,
        int deadLetterMaxBytes) {

    public static final String DEFAULT_APPLICATION_ID = "popsurvey-validator";
    /**
     * What the dead-letter topic takes beyond the raw topic's {@code max.message.bytes}: the
     * explanation headers (bounded by {@link org.popsurvey.validator.outcome.HeaderText}, a few
     * tens of KB at most) and the record batch's own overhead.
     */
    public static final int DEAD_LETTER_HEADROOM_BYTES = 262_144;
    /** Kafka's default {@code max.message.bytes} (1 MiB plus the batch overhead). */
    public static final int KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

    /** Without the sizes known from the topics: one partition, a dead-letter topic as the validator creates it. */
    public ValidatorSettings(
            String inputTopic,
            String cleanTopic,
            String deadLetterTopic,
            String applicationId,
            int maxNeighborhoodLength,
            String applicationVersion) {
        this(
                inputTopic,
                cleanTopic,
                deadLetterTopic,
                applicationId,
                maxNeighborhoodLength,
                applicationVersion,
                RecordLimits.defaults(),
                1,
                KAFKA_DEFAULT_MAX_MESSAGE_BYTES + DEAD_LETTER_HEADROOM_BYTES);
    }

    public ValidatorSettings {
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(cleanTopic, "cleanTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(limits, "limits");
        if (partitions < 1 || deadLetterMaxBytes < 1) {
            throw new IllegalArgumentException("partitions and deadLetterMaxBytes must be positive, got " + partitions
                    + " and " + deadLetterMaxBytes);
        }
        if (maxNeighborhoodLength < 1) {
            throw new IllegalArgumentException(
                    "--max-neighborhood-length must be at least 1, got " + maxNeighborhoodLength);
        }
        if (inputTopic.equals(cleanTopic) || inputTopic.equals(deadLetterTopic) || cleanTopic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException(
                    "input, clean and dead-letter topics must be three different topics, got " + inputTopic + ", "
                            + cleanTopic + ", " + deadLetterTopic);
        }
    }

    /** The defaults: population.raw to population.clean and population.dlq, names of at most 128 characters. */
    public static ValidatorSettings defaults() {
        return new ValidatorSettings(
                Topics.RAW,
                Topics.CLEAN,
                Topics.DEAD_LETTER,
                DEFAULT_APPLICATION_ID,
                RowValidator.DEFAULT_MAX_NEIGHBORHOOD_LENGTH,
                VersionProvider.version());
    }

    public ValidatorSettings withTopics(String input, String clean, String deadLetter) {
        return new ValidatorSettings(
                input,
                clean,
                deadLetter,
                applicationId,
                maxNeighborhoodLength,
                applicationVersion,
                limits,
                partitions,
                deadLetterMaxBytes);
    }

    public ValidatorSettings withApplicationId(String id) {
        return new ValidatorSettings(
                inputTopic,
                cleanTopic,
                deadLetterTopic,
                id,
                maxNeighborhoodLength,
                applicationVersion,
                limits,
                partitions,
                deadLetterMaxBytes);
    }

    public ValidatorSettings withMaxNeighborhoodLength(int length) {
        return new ValidatorSettings(
                inputTopic,
                cleanTopic,
                deadLetterTopic,
                applicationId,
                length,
                applicationVersion,
                limits,
                partitions,
                deadLetterMaxBytes);
    }

    public ValidatorSettings withLimits(RecordLimits recordLimits) {
        return new ValidatorSettings(
                inputTopic,
                cleanTopic,
                deadLetterTopic,
                applicationId,
                maxNeighborhoodLength,
                applicationVersion,
                recordLimits,
                partitions,
                deadLetterMaxBytes);
    }

    /** With what {@link TopicSetup} found: the partition count and the dead-letter topic's record size limit. */
    public ValidatorSettings withTopicFacts(int partitionCount, int deadLetterTopicMaxBytes) {
        return new ValidatorSettings(
                inputTopic,
                cleanTopic,
                deadLetterTopic,
                applicationId,
                maxNeighborhoodLength,
                applicationVersion,
                limits,
                partitionCount,
                deadLetterTopicMaxBytes);
    }
}
