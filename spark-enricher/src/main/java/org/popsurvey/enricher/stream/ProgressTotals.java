package org.popsurvey.enricher.stream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each micro-batch's progress (records, duration, offsets) and keeps the run's totals for
 * the closing summary (recentProgress keeps only the last 100 batches). Spark hands the events to
 * listeners on its own thread, so they may arrive after {@code awaitTermination} returned: a
 * summary read then said "0 record(s) in 0 batch(es)" of a backfill that had read a million (seen
 * once in the benchmark). {@link #awaitTerminated} waits for the query's last event first.
 */
public final class ProgressTotals extends StreamingQueryListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressTotals.class);

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    /** Spark posts a query's terminated event after its last progress event, on the same queue. */
    private final CountDownLatch terminated = new CountDownLatch(1);

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        // nothing to count
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        records.addAndGet(progress.numInputRows());
        batches.incrementAndGet();
        if (progress.numInputRows() > 0) {
            log.info(
                    "Batch {}: {} record(s) in {} ms {}, offsets now {}",
                    progress.batchId(),
                    progress.numInputRows(),
                    progress.batchDuration(),
                    progress.durationMs(),
                    progress.sources().length > 0 ? progress.sources()[0].endOffset() : "-");
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        terminated.countDown();
    }

    /**
     * Waits until this listener has seen the query's end, so the totals count every batch; at most
     * {@code timeout} (a summary must not hold a finished job up). Returns whether it saw it.
     */
    public boolean awaitTerminated(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long records() {
        return records.get();
    }

    public long batches() {
        return batches.get();
    }
}
