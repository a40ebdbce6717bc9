package org.popsurvey.enricher.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka source's options: the job's speed defaults, then the user's, then what the accounting forces. */
class SourceOptionsTest {

    @Test
    void aBrokerWaitForMoreDataIsShortUnlessTheUserSetsOne() {
        assertThat(EnrichmentJob.sourceOptions(Map.of("kafka.bootstrap.servers", "broker:9092")))
                .containsEntry("kafka.fetch.max.wait.ms", "20")
                .containsEntry("kafka.bootstrap.servers", "broker:9092");
        assertThat(EnrichmentJob.sourceOptions(Map.of("kafka.fetch.max.wait.ms", "200")))
                .containsEntry("kafka.fetch.max.wait.ms", "200");
    }

    @Test
    void whatTheAccountingDependsOnOverridesTheUsersSettings() {
        Map<String, String> options = EnrichmentJob.sourceOptions(Map.of(
                "kafka.isolation.level", "read_uncommitted", "startingOffsets", "latest", "failOnDataLoss", "false"));
        assertThat(options)
                .containsEntry("kafka.isolation.level", "read_committed")
                .containsEntry("startingOffsets", "earliest")
                .containsEntry("failOnDataLoss", "true");
    }
}
