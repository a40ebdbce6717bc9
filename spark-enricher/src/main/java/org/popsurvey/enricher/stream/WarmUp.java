package org.popsurvey.enricher.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.popsurvey.enricher.census.CityMetrics;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.enricher.sink.ExactlyOnceParquetSink;
import org.popsurvey.enricher.sink.OutputLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@value #SCRATCH_BATCHES} micro-batches through the whole batch path (enrichment, the
 * sink's staging and commit, the city metrics and the rankings) before the streaming query starts,
 * so the first real batch after a start does not pay for the JVM's cold start: class loading, JIT
 * compilation and Spark's code generation, whose compiled classes are cached by their source and
 * reused by the same plans over the real rows. The first scratch batch holds the topic's last few
 * records, read and decoded by a batch query as the stream will (the Kafka consumer, the registry
 * lookups, the decoder); the others {@value #SCRATCH_NEIGHBORHOODS} made-up neighborhoods, each in
 * a bucket of its own. Measured at 91 neighborhoods (docs/benchmarks.md): the first batch after a
 * start took 19.1 s without a warm-up and 11.9 s with the made-up batches alone, the next ones
 * about 4 s.
 *
 * <p>The made-up neighborhoods' buckets start as copies of the published ones, so the scratch
 * batches merge into buckets of the real size, as every real batch does: reading them back, the
 * shuffle and the write of thousands of rows. Over empty buckets the warm-up left those cold, and
 * at a million neighborhoods the first real batch took 5.6 s to rewrite its buckets, the next ones
 * 1.3 to 2.4 s.
 *
 * <p>The scratch output is a folder of its own under the real output's {@code _staging/} (same
 * file system, so a cluster's executors reach it; skipped by every reader; wiped by the next
 * start if this one dies), with its own lock, layout and metrics: nothing of the real output, its
 * checkpoint or its metrics is touched.
 */
final class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    /** Outside the range of census Ids, so no log line is mistaken for a real neighborhood. */
    private static final int SCRATCH_ID = -1;
    /** Made-up neighborhoods per scratch batch (Ids -1, -2, ...): a small batch's worth of buckets. */
    private static final int SCRATCH_NEIGHBORHOODS = 10;
    /**
     * The first creates the scratch buckets, the next replace their row, as a batch over an existing
     * output does. Measured on 2 loaded cores, one row per batch: 6.2, 4.3, 2.6, 1.9, 1.6, 1.5 s; the
     * third is most of the way to the steady cost, and each further one adds to the start.
     */
    private static final int SCRATCH_BATCHES = 3;

    private WarmUp() {}

    /** Records read from the end of each partition by the first scratch batch. */
    static final int TAIL_RECORDS_PER_PARTITION = 5;

    /** Where the first scratch batch's records come from: the topic's tail, decoded; empty if none. */
    @FunctionalInterface
    interface TopicTail {
        Optional<Dataset<Row>> read() throws Exception;
    }

    /**
     * @param topicTail the first scratch batch's records (the Kafka read and the decoding warmed
     *     too); a made-up neighborhood if empty or unreadable
     * @return what the scratch batches published, for the log and the tests
     */
    static Scratch run(
            SparkSession spark, OutputLayout output, Broadcast<ReferenceProfiles> profiles, TopicTail topicTail) {
        long started = System.nanoTime();
        AtomicLong published = new AtomicLong();
        long bucketRows;
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path scratch = new Path(new Path(output.root(), OutputLayout.STAGING), "warm-up-" + UUID.randomUUID());
        try (OutputLock lock = OutputLayout.lock(scratch.toString(), conf)) {
            OutputLayout layout = OutputLayout.open(scratch.toString(), output.buckets(), conf, lock);
            int neighborhoods = Math.min(SCRATCH_NEIGHBORHOODS, layout.buckets());
            copyPublishedBuckets(output, layout, neighborhoods, conf);
            EnrichmentBatch batch = new EnrichmentBatch(
                    profiles,
                    new ExactlyOnceParquetSink(
                            layout,
                            NeighborhoodTable.NEIGHBORHOOD_ID,
                            new CityMetrics(layout.buckets(), CityMetrics.RANKINGS_NEVER_TRAIL)),
                    (batchId, rows, rejected) -> published.addAndGet(rows));
            for (long batchId = 0; batchId < SCRATCH_BATCHES; batchId++) {
                Optional<Dataset<Row>> tail = batchId == 0 ? tail(topicTail) : Optional.empty();
                Dataset<Row> records = tail.isPresent()
                        ? tail.get()
                        : spark.createDataFrame(records(neighborhoods, batchId), DecodedRecord.SCHEMA);
                batch.call(records, batchId);
            }
            bucketRows = spark.read().parquet(layout.neighborhoods().toString()).count();
        } finally {
            delete(output.fileSystem(), scratch);
        }
        log.info(
                "Warmed up in {} ms: {} scratch batch(es) published {} neighborhood(s) into {} row(s) under {}, "
                        + "now deleted",
                (System.nanoTime() - started) / 1_000_000,
                SCRATCH_BATCHES,
                published.get(),
                bucketRows,
                scratch);
        return new Scratch(published.get(), bucketRows);
    }

    /**
     * What the scratch batches did: the neighborhoods they published, and the rows their buckets
     * held at the end (the copies of the published buckets plus the made-up neighborhoods).
     */
    record Scratch(long neighborhoodsPublished, long bucketRows) {}

    /** Copies into {@code scratch} the published buckets the first {@code neighborhoods} scratch Ids fall in. */
    private static void copyPublishedBuckets(
            OutputLayout output, OutputLayout scratch, int neighborhoods, Configuration conf) {
        FileSystem fs = output.fileSystem();
        for (int i = 0; i < neighborhoods; i++) {
            int bucket = OutputLayout.bucket(SCRATCH_ID - i, output.buckets());
            try {
                if (fs.exists(output.bucketFile(bucket))) {
                    FileUtil.copy(fs, output.bucketFile(bucket), fs, scratch.bucketFile(bucket), false, conf);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot copy " + output.bucketFile(bucket) + " for the warm-up", e);
            }
        }
    }

    /** The topic's tail, or empty with a warning: the warm-up only saves time, it must not stop a start. */
    private static Optional<Dataset<Row>> tail(TopicTail topicTail) {
        try {
            return topicTail.read();
        } catch (Exception e) {
            log.warn("Warming up without reading the topic (the first batch will be slower): {}", e.toString());
            return Optional.empty();
        }
    }

    /** Made-up neighborhoods Ids -1 to -{@code count}, each in its own bucket while {@code count} ≤ buckets. */
    private static List<Row> records(int count, long batchId) {
        return IntStream.range(0, count)
                .mapToObj(i -> record(SCRATCH_ID - i, batchId * count + i))
                .toList();
    }

    /** A decodable record as the decoder builds one, in {@link DecodedRecord#SCHEMA}'s order. */
    static Row record(int id, long offset) {
        Timestamp now = Timestamp.from(Instant.now());
        return RowFactory.create(
                id,
                "warm-up",
                1_000L + offset,
                100.0,
                null,
                "warm-up.csv",
                2L,
                1,
                "warm-up",
                now,
                "warm-up",
                0,
                offset,
                now,
                Integer.toString(id),
                1,
                null,
                null);
    }

    private static void delete(FileSystem fs, Path scratch) {
        try {
            fs.delete(scratch, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the warm-up folder " + scratch, e);
        }
    }
}
