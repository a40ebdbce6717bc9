package org.popsurvey.producer;

import java.time.Duration;

/** What a producer run did; the counts add up: every data line read was acknowledged. */
public record ProduceSummary(
        String runId, long recordsRead, long blankLinesSkipped, long acknowledged, int batches, Duration elapsed) {

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? acknowledged / seconds : 0;
    }
}
