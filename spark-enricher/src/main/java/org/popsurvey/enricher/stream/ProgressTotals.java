package org.popsurvey.enricher.stream;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each micro-batch's progress (records, duration, offsets) and keeps the run's totals for
 * the closing summary (recentProgress keeps only the last 100 batches).
 */
public final class ProgressTotals extends StreamingQueryListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressTotals.class);

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

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
        // nothing to count
    }

    public long records() {
        return records.get();
    }

    public long batches() {
        return batches.get();
    }
}
