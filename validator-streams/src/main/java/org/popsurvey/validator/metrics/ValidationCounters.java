package org.popsurvey.validator.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Stage;

/**
 * Process-wide counts of outcomes and codes, summed over every task of this validator process,
 * for the periodic log line and the final summary. (Per-task metrics for JMX are in
 * {@link TaskMetrics}.) These count processing attempts: after a crash, records re-processed
 * since the last commit are counted again; the topics themselves hold the exact, committed truth.
 */
public final class ValidationCounters {

    private final LongAdder processed = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder absorbed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final Map<ErrorCode, LongAdder> byCode = new EnumMap<>(ErrorCode.class);
    private final Map<Stage, LongAdder> byStage = new EnumMap<>(Stage.class);
    private final LongAdder deadLetteredBytes = new LongAdder();

    public ValidationCounters() {
        for (ErrorCode code : ErrorCode.values()) {
            byCode.put(code, new LongAdder());
        }
        for (Stage stage : Stage.values()) {
            byStage.put(stage, new LongAdder());
        }
    }

    void processed() {
        processed.increment();
    }

    void accepted() {
        accepted.increment();
    }

    void absorbed() {
        absorbed.increment();
    }

    void deadLettered(Stage stage, Iterable<ErrorCode> codes, int valueBytes) {
        deadLettered.increment();
        byStage.get(stage).increment();
        deadLetteredBytes.add(valueBytes);
        for (ErrorCode code : codes) {
            byCode.get(code).increment();
        }
    }

    /*
     * Single counts, read by the /metrics endpoint on each scrape (see org.popsurvey.validator.ops).
     */

    public long processedCount() {
        return processed.sum();
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long absorbedCount() {
        return absorbed.sum();
    }

    /** Dead letters whose stage is {@code stage}: each dead letter counts once. */
    public long deadLetteredCount(Stage stage) {
        return byStage.get(stage).sum();
    }

    /** Dead letters carrying {@code code}: a dead letter with two codes counts under both. */
    public long codeCount(ErrorCode code) {
        return byCode.get(code).sum();
    }

    /** Bytes of the dead letters' values (the raw values, unchanged). */
    public long deadLetteredBytes() {
        return deadLetteredBytes.sum();
    }

    public Snapshot snapshot() {
        Map<ErrorCode, Long> codes = new EnumMap<>(ErrorCode.class);
        byCode.forEach((code, count) -> {
            long value = count.sum();
            if (value > 0) {
                codes.put(code, value);
            }
        });
        return new Snapshot(processed.sum(), accepted.sum(), absorbed.sum(), deadLettered.sum(), codes);
    }

    /** Counts at one moment. {@code byCode} counts records per code (a record with two codes counts in both). */
    public record Snapshot(
            long processed, long accepted, long absorbed, long deadLettered, Map<ErrorCode, Long> byCode) {

        /** {@code processed=100 accepted=91 absorbed=2 dead-lettered=7 [ESTIMATE_NOT_A_NUMBER=3, ...]}. */
        public String toLogLine() {
            StringBuilder line = new StringBuilder()
                    .append("processed=")
                    .append(processed)
                    .append(" accepted=")
                    .append(accepted)
                    .append(" absorbed-resends=")
                    .append(absorbed)
                    .append(" dead-lettered=")
                    .append(deadLettered);
            if (!byCode.isEmpty()) {
                line.append(" codes: ");
                byCode.forEach((code, count) ->
                        line.append(code).append('=').append(count).append(' '));
                line.setLength(line.length() - 1);
            }
            return line.toString();
        }
    }
}
