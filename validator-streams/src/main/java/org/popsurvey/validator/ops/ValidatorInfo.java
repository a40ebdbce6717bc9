package org.popsurvey.validator.ops;

/**
 * What runs, as the metrics and health bodies show it: given by the command from its settings, so
 * this package does not depend on the command's (no package cycle).
 */
public record ValidatorInfo(
        String applicationId,
        String version,
        String inputTopic,
        String cleanTopic,
        String deadLetterTopic,
        int maxNeighborhoodLength) {}
