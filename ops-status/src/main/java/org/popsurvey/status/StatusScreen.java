package org.popsurvey.status;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;
import org.popsurvey.status.EndpointProbe.ComponentHealth;
import org.popsurvey.status.PipelineStatus.Lag;

/** The text screen of {@code ./popsurvey status}: sections in pipeline order, problems last. */
final class StatusScreen {

    private final PrintWriter out;

    StatusScreen(PrintWriter out) {
        this.out = out;
    }

    void print(PipelineStatus status) {
        out.printf(
                "Pipeline status at %s: %s%n",
                status.checkedAt(),
                status.healthy() ? "HEALTHY" : status.problems().size() + " PROBLEM(S)");
        out.println();
        out.printf("%-22s %10s  %s%n", "TOPIC", "RECORDS", "END OFFSETS (partition=offset)");
        for (TopicEnds topic : status.topics()) {
            out.printf("%-22s %10d  %s%n", topic.topic(), topic.records(), offsets(topic.end()));
        }
        lag("validator", status.validator());
        if (status.enricher() != null) {
            out.printf(
                    "%nenricher: last committed batch %s at %s (checkpoint %s)%n",
                    status.enricher().lastBatchId() == null
                            ? "none"
                            : status.enricher().lastBatchId(),
                    status.enricher().lastBatchCommittedAt() == null
                            ? "-"
                            : status.enricher().lastBatchCommittedAt(),
                    status.enricher().checkpoint());
            lag("enricher", status.enricher().lag());
        }
        if (status.deadLetters() != null) {
            PipelineStatus.DeadLetters letters = status.deadLetters();
            out.printf(
                    "%ndead letters on %s: %d in total, %d in the last %d min%n",
                    letters.topic(), letters.total(), letters.recent(), letters.windowMinutes());
            if (!letters.totalByCode().isEmpty()) {
                out.printf("  %-28s %8s %10s%n", "CODE", "TOTAL", "LAST " + letters.windowMinutes() + "m");
                letters.totalByCode()
                        .forEach((code, total) -> out.printf(
                                "  %-28s %8d %10d%n",
                                code, total, letters.recentByCode().getOrDefault(code, 0L)));
            }
        }
        if (status.neighborhoods() != null) {
            PipelineStatus.Neighborhoods n = status.neighborhoods();
            out.printf(
                    "%nneighborhoods/: %d rows in %d file(s), last published %s (%s)%n",
                    n.rows(), n.files(), n.lastPublished() == null ? "-" : n.lastPublished(), n.path());
        }
        if (status.registry() != null) {
            out.printf(
                    "%nregistry %s: %s%n",
                    status.registry().url(),
                    status.registry().subjects().isEmpty()
                            ? "no subjects"
                            : status.registry().subjects().entrySet().stream()
                                    .map(s -> s.getKey() + " v" + s.getValue())
                                    .collect(Collectors.joining(", ")));
        }
        if (!status.components().isEmpty()) {
            out.println();
            for (ComponentHealth health : status.components()) {
                out.printf(
                        "%-10s %-6s %-12s %s%n",
                        health.component(), health.ready() ? "READY" : "DOWN", health.state(), health.url());
            }
        }
        if (!status.healthy()) {
            out.println();
            status.problems().forEach(problem -> out.println("PROBLEM " + problem));
        }
        out.flush();
    }

    private void lag(String component, Lag lag) {
        if (lag == null) {
            return;
        }
        out.printf("%n%s lag on %s (%s): %d%n", component, lag.topic(), lag.reader(), lag.total());
        for (PartitionLag partition : lag.partitions()) {
            out.printf(
                    "  partition %-3d position %-10s end %-10d lag %d%n",
                    partition.partition(),
                    partition.position() == null ? "-" : partition.position(),
                    partition.end(),
                    partition.lag());
        }
    }

    private static String offsets(Map<Integer, Long> offsets) {
        return offsets.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
