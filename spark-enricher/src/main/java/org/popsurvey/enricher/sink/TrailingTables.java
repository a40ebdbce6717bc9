package org.popsurvey.enricher.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the trailing tables (the rankings of a large table: millions of rows, seconds to write)
 * on a thread of their own, apart from the batches: their cost follows the table, not the change,
 * so they must not set the stream's pace. The thread writes the tables of the latest committed
 * batch; batches committed while it writes are skipped, as the next write holds them. It gives
 * the cores to the batches: while one runs ({@link #runBatch}) the write pauses between chunks of
 * rows, and after each write it rests {@link #REST_PER_WRITE} times as long as it worked, so it
 * takes at most a quarter of one core. A trailing table is therefore of some batch already
 * published, its {@code enricher_batch_id} says which, and a new job publishes it again if a
 * killed one left it behind ({@link ExactlyOnceParquetSink#resume}). A failure is rethrown to the
 * next batch, which fails the query as any write failure does.
 */
final class TrailingTables {

    private static final Logger log = LoggerFactory.getLogger(TrailingTables.class);
    /** Rest after a write, in multiples of the write's working time: at most 1/(1+3) of a core. */
    static final int REST_PER_WRITE = 3;
    /**
     * How long a write may pause for batches beyond {@link #REST_PER_WRITE} times its working
     * time: batches back to back (a stream behind) slow the rankings down, they cannot stop them.
     */
    static final Duration PAUSE_ALLOWANCE = Duration.ofSeconds(60);

    private final OutputLayout layout;
    private final long pauseAllowanceNanos;
    /** The latest batch's tables not written yet; null when there are none. */
    private Pending pending;

    private boolean writing;
    /** How many callers wait for everything handed over to be published: the writer skips its rest. */
    private int flushes;

    /** Batches running now ({@link #runBatch}): a write pauses while there is one. */
    private int batchesRunning;
    /** Of the write in progress: when it started and how long it paused for batches (nanoseconds). */
    private long writeStarted;

    private long paused;

    private RuntimeException failure;
    private Thread writer;

    private record Pending(SparkSession spark, long batchId, Map<String, DriverParquetWriter.Table> tables) {}

    TrailingTables(OutputLayout layout) {
        this(layout, PAUSE_ALLOWANCE);
    }

    TrailingTables(OutputLayout layout, Duration pauseAllowance) {
        this.layout = layout;
        this.pauseAllowanceNanos = pauseAllowance.toNanos();
    }

    /**
     * Hands over {@code tables} of {@code batchId}, just committed; replaces tables handed over
     * before and not written yet. Rethrows the failure of an earlier write.
     */
    synchronized void publish(SparkSession spark, long batchId, Map<String, DriverParquetWriter.Table> tables) {
        rethrowFailure();
        if (tables.isEmpty()) {
            return;
        }
        if (pending != null) {
            log.debug("Trailing tables of batch {} skipped: batch {} is newer", pending.batchId(), batchId);
        }
        pending = new Pending(spark, batchId, tables);
        if (writer == null) {
            writer = new Thread(this::run, "enricher-trailing-tables");
            // A job that exits leaves at most a staged file, wiped at the next start, and tables
            // of an earlier batch, published again at the next start.
            writer.setDaemon(true);
            writer.start();
        }
        notifyAll();
    }

    /**
     * Runs one batch's work, from reading its records to publishing them; a trailing write pauses
     * meanwhile, so the batch has the cores.
     */
    void runBatch(Runnable batch) {
        synchronized (this) {
            batchesRunning++;
        }
        try {
            batch.run();
        } finally {
            synchronized (this) {
                batchesRunning--;
                notifyAll();
            }
        }
    }

    /** Rethrows the failure of an earlier write, if any (a batch checks before it commits). */
    synchronized void rethrowFailure() {
        if (failure != null) {
            RuntimeException thrown = failure;
            failure = null;
            throw thrown;
        }
    }

    /**
     * Returns once every table handed over is published, without the writer's rest (a job
     * stopping, a test); rethrows a failure to publish one.
     */
    synchronized void awaitPublished() {
        flushes++;
        notifyAll();
        try {
            while ((pending != null || writing) && failure == null) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the trailing tables were published", e);
        } finally {
            flushes--;
        }
        rethrowFailure();
    }

    private void run() {
        try {
            while (true) {
                Pending next;
                synchronized (this) {
                    while (pending == null) {
                        wait();
                    }
                    next = pending;
                    pending = null;
                    writing = true;
                    writeStarted = System.nanoTime();
                    paused = 0;
                }
                try {
                    write(next.spark(), layout, next.batchId(), next.tables(), this::giveWayToBatches);
                } catch (RuntimeException e) {
                    synchronized (this) {
                        failure = e;
                    }
                }
                synchronized (this) {
                    long took = System.nanoTime() - writeStarted;
                    long worked = took - paused;
                    log.info(
                            "Trailing tables {} of batch {} published in {} ms ({} ms of it paused for batches)",
                            next.tables().keySet(),
                            next.batchId(),
                            TimeUnit.NANOSECONDS.toMillis(took),
                            TimeUnit.NANOSECONDS.toMillis(paused));
                    writing = false;
                    notifyAll();
                    long restUntil = System.nanoTime() + REST_PER_WRITE * worked;
                    for (long left = restUntil - System.nanoTime();
                            left > 0 && flushes == 0;
                            left = restUntil - System.nanoTime()) {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Between two chunks of a write's rows: waits while a batch runs, unless someone waits for the
     * tables to be published, and for at most {@link #PAUSE_ALLOWANCE} plus
     * {@link #REST_PER_WRITE} times the write's working time in all.
     */
    private synchronized void giveWayToBatches() {
        try {
            while (batchesRunning > 0 && flushes == 0) {
                long now = System.nanoTime();
                long worked = now - writeStarted - paused;
                long left = pauseAllowanceNanos + REST_PER_WRITE * worked - paused;
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
                paused += System.nanoTime() - now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes and publishes {@code tables}, one by one, as batch {@code batchId}'s; each table's
     * parts are written one after the other, on the calling thread alone, so the batches keep the
     * other cores; {@code betweenChunks} runs between chunks of rows (it may pause the write).
     */
    static void write(
            SparkSession spark,
            OutputLayout layout,
            long batchId,
            Map<String, DriverParquetWriter.Table> tables,
            Runnable betweenChunks) {
        Path staging = layout.trailingStaging(batchId);
        for (Map.Entry<String, DriverParquetWriter.Table> table : tables.entrySet()) {
            Path staged = new Path(staging, table.getKey() + OutputLayout.PARQUET_SUFFIX);
            DriverParquetWriter.writeOnThisThread(spark, staged, table.getValue(), betweenChunks);
            // Another job may have taken the folder over if this one lost its lock (HDFS lease lapsed).
            layout.checkLocked();
            try {
                AtomicReplace.replace(layout.fileSystem(), staged, layout.metricFile(table.getKey()));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot publish " + layout.metricFile(table.getKey()) + " of batch " + batchId
                                + " (republished at the next start)",
                        e);
            }
        }
        try {
            layout.fileSystem().delete(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete staging " + staging, e);
        }
    }
}
