package org.popsurvey.validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

import org.popsurvey.schemas.Topics;
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
 */
public record ValidatorSettings(String inputTopic, String cleanTopic, String deadLetterTopic, String applicationId,
                                int maxNeighborhoodLength, String applicationVersion) {

    public static final String DEFAULT_APPLICATION_ID = "popsurvey-validator";

    public ValidatorSettings {
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(cleanTopic, "cleanTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(applicationId, "applicationId");
        if (maxNeighborhoodLength < 1) {
            throw new IllegalArgumentException("--max-neighborhood-length must be at least 1, got " + maxNeighborhoodLength);
        }
        if (inputTopic.equals(cleanTopic) || inputTopic.equals(deadLetterTopic) || cleanTopic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("input, clean and dead-letter topics must be three different topics, got "
                    + inputTopic + ", " + cleanTopic + ", " + deadLetterTopic);
        }
    }

    /** The defaults: population.raw to population.clean and population.dlq, names of at most 128 characters. */
    public static ValidatorSettings defaults() {
        return new ValidatorSettings(Topics.RAW, Topics.CLEAN, Topics.DEAD_LETTER, DEFAULT_APPLICATION_ID,
                RowValidator.DEFAULT_MAX_NEIGHBORHOOD_LENGTH, version());
    }

    public ValidatorSettings withTopics(String input, String clean, String deadLetter) {
        return new ValidatorSettings(input, clean, deadLetter, applicationId, maxNeighborhoodLength, applicationVersion);
    }

    public ValidatorSettings withApplicationId(String id) {
        return new ValidatorSettings(inputTopic, cleanTopic, deadLetterTopic, id, maxNeighborhoodLength, applicationVersion);
    }

    public ValidatorSettings withMaxNeighborhoodLength(int length) {
        return new ValidatorSettings(inputTopic, cleanTopic, deadLetterTopic, applicationId, length, applicationVersion);
    }

    /** This build's version, from the resource Maven filters. */
    public static String version() {
        try (InputStream in = ValidatorSettings.class.getResourceAsStream("validator-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
