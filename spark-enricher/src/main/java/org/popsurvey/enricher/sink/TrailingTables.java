package org.popsurvey.enricher.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Publishes a batch's trailing tables (the rankings of a large table: millions of rows, seconds to
 * write) on a thread of their own, while the stream reads and stages the next batch. The sink
 * waits for them before it publishes that next batch, so at every instant a trailing table is of
 * the last published batch or of the one before, and a new job knows from the stamps alone
 * whether the last one was killed in between ({@link ExactlyOnceParquetSink#resume}).
 * A failure is rethrown to the batch that waits, which fails the query as any write failure does.
 */
final class TrailingTables implements AutoCloseable {

    private final OutputLayout layout;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "enricher-trailing-tables");
        // A job that exits leaves at most a staged file, wiped at the next start, and the tables
        // of the batch before, republished at the next start.
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Void> publishing = CompletableFuture.completedFuture(null);

    TrailingTables(OutputLayout layout) {
        this.layout = layout;
    }

    /** Starts publishing {@code tables} of {@code batchId}, once the previous ones are. */
    synchronized void publish(SparkSession spark, long batchId, Map<String, DriverParquetWriter.Table> tables) {
        if (tables.isEmpty()) {
            return;
        }
        awaitPublished();
        publishing = CompletableFuture.runAsync(() -> write(spark, layout, batchId, tables), writer);
    }

    /** Returns once every table handed to {@link #publish} is published; rethrows a failure to publish one. */
    synchronized void awaitPublished() {
        try {
            publishing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the trailing tables were published", e);
        } catch (ExecutionException e) {
            publishing = CompletableFuture.completedFuture(null);
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Writes and publishes {@code tables}, one by one, as batch {@code batchId}'s. */
    static void write(
            SparkSession spark, OutputLayout layout, long batchId, Map<String, DriverParquetWriter.Table> tables) {
        Path staging = layout.trailingStaging(batchId);
        for (Map.Entry<String, DriverParquetWriter.Table> table : tables.entrySet()) {
            Path staged = new Path(staging, table.getKey() + OutputLayout.PARQUET_SUFFIX);
            DriverParquetWriter.write(spark, staged, table.getValue());
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

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
