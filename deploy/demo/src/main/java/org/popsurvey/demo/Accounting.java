package org.popsurvey.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.schemas.Topics;

/**
 * Waits until every produced row is accounted for: a clean record, a dead letter or an absorbed
 * identical re-send, and every clean neighborhood is a row of the Parquet output, found there by
 * a plain Parquet reader. More records than rows produced is a failure (something duplicated).
 */
final class Accounting {

    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    record Snapshot(
            long produced, long cleanRecords, Set<String> cleanIds, long deadLetters, long absorbed, long parquetRows) {

        boolean validated() {
            return cleanRecords + deadLetters + absorbed == produced;
        }

        String describe() {
            return String.format(
                    "%d rows produced: %d clean, %d dead letters, %d absorbed re-sends; "
                            + "%d of %d clean neighborhoods in Parquet",
                    produced, cleanRecords, deadLetters, absorbed, parquetRows, cleanIds.size());
        }
    }

    private final TopicTally topics;
    private final ParquetOutput output;
    private final List<Path> validatorLogs;

    Accounting(TopicTally topics, ParquetOutput output, Path validatorLog) {
        this(topics, output, List.of(validatorLog));
    }

    /** Several validator instances: each logs the re-sends it absorbed itself. */
    Accounting(TopicTally topics, ParquetOutput output, List<Path> validatorLogs) {
        this.topics = topics;
        this.output = output;
        this.validatorLogs = List.copyOf(validatorLogs);
    }

    Snapshot awaitComplete(long produced, Duration timeout, DemoPipeline pipeline, DemoProgress progress)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        while (true) {
            pipeline.checkChildrenRunning();
            Snapshot now = snapshot(produced);
            if (now.cleanRecords() + now.deadLetters() + now.absorbed() > produced) {
                throw new CommandFailedException("More records than rows produced: " + now.describe());
            }
            if (now.validated()
                    && now.parquetRows() == now.cleanIds().size()
                    && parquetIds().equals(now.cleanIds())) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new CommandFailedException(
                        "Not every row was accounted for within " + timeout.toSeconds() + " s: " + now.describe()
                                + ". See the logs under " + validatorLogs.get(0).getParent());
            }
            if (System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
                progress.detail(now.describe());
                lastReport = System.nanoTime();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Snapshot snapshot(long produced) throws IOException {
        TopicTally.Tally clean = topics.count(Topics.CLEAN);
        long deadLetters = topics.count(Topics.DEAD_LETTER).records();
        return new Snapshot(
                produced,
                clean.records(),
                clean.keys(),
                deadLetters,
                validatorLogs.stream().mapToLong(ValidatorLog::absorbedResends).sum(),
                output.neighborhoods().rows());
    }

    /** The neighborhood ids in the Parquet output, as the clean topic's keys (decimal text). */
    private Set<String> parquetIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (var row : output.read(output.neighborhoods())) {
            ids.add(row.get("neighborhood_id"));
        }
        return ids;
    }
}
