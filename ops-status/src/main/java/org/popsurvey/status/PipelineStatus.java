package org.popsurvey.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.popsurvey.status.EndpointProbe.ComponentHealth;

/**
 * One look at the whole pipeline; rendered as text by {@link StatusScreen} and as JSON (snake_case
 * names) by {@code --json}. A section is null when it could not be read; the reason is a problem.
 * Times are ISO-8601 UTC text.
 */
public record PipelineStatus(
        String checkedAt,
        List<String> problems,
        List<TopicEnds> topics,
        Lag validator,
        Enricher enricher,
        DeadLetters deadLetters,
        Neighborhoods neighborhoods,
        Registry registry,
        List<ComponentHealth> components) {

    @JsonProperty
    public boolean healthy() {
        return problems.isEmpty();
    }

    /** A reader's position against a topic's ends, per partition. */
    public record Lag(String reader, String topic, long total, List<PartitionLag> partitions) {}

    /** The enricher's last committed batch (from its checkpoint) and its lag on the clean topic. */
    public record Enricher(String checkpoint, Long lastBatchId, String lastBatchCommittedAt, Lag lag) {}

    /** Dead letters per code: in total and in the last {@code windowMinutes}. */
    public record DeadLetters(
            String topic,
            long total,
            long recent,
            long windowMinutes,
            Map<String, Long> totalByCode,
            Map<String, Long> recentByCode) {}

    public record Neighborhoods(String path, int files, long rows, String lastPublished) {}

    /** Every subject of the registry with its latest version. */
    public record Registry(String url, Map<String, Integer> subjects) {}
}
