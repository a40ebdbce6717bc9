package org.popsurvey.status;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link StatusCollector} looks at, and the limits that make a problem: a reader more than
 * {@code maxLag} records behind a partition, and an enricher with records to read whose last batch
 * is older than {@code maxBatchAge}.
 */
record StatusSettings(
        Map<String, Object> clientConfig,
        String rawTopic,
        String cleanTopic,
        String deadLetterTopic,
        String validatorGroup,
        String output,
        String checkpoint,
        URI validatorUrl,
        URI enricherUrl,
        long maxLag,
        Duration maxBatchAge,
        Duration deadLetterWindow,
        Duration timeout) {}
