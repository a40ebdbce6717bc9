package org.popsurvey.enricher.sink;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;
import org.popsurvey.schemas.output.OutputTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one micro-batch so that any Parquet reader listing {@code neighborhoods/} sees every
 * neighborhood exactly once, whenever the job is killed.
 *
 * <p>Protocol for batch N (Spark calls it again with the same records if N was not committed in the
 * checkpoint):
 * <ol>
 *   <li>The incoming rows (one per Id, latest first) go to the buckets {@code Id mod B} they touch.
 *       Each touched bucket's published file is read, its rows for incoming Ids dropped (latest
 *       wins), the incoming rows added, and the whole bucket written to {@code _staging/batch-N/}.</li>
 *   <li>The city metrics are computed over that new state and staged too, on the driver: the
 *       rewritten buckets' part is taken from the rows as they are written ({@link StateMetrics#tap}),
 *       the untouched buckets' part from the metrics' own state (read from their files once after a
 *       start). The batch's undecodable values are staged too.</li>
 *   <li>Commit: each staged file atomically replaces its published name ({@link AtomicReplace}),
 *       the buckets first. An Id lives in exactly one bucket file, so at every instant a reader
 *       sees it once, in its old or its new version.</li>
 *   <li>The trailing tables, if the metrics have any (the rankings of a large table), are handed
 *       to {@link TrailingTables}, which publishes those of the latest committed batch on its own
 *       thread and pace, pausing while a batch runs: the batches never wait for them.</li>
 * </ol>
 * A crash before the commit leaves only staging, which is wiped on restart. A crash in the middle
 * of the commit leaves some buckets new and some old; replaying N rebuilds the same state from
 * either (incoming rows replace stored rows of the same Id), so the replay converges. A crash
 * after N's commit and before its trailing tables leaves those of an earlier batch; a new job
 * publishes them again before it starts ({@link #resume}).
 */
public final class ExactlyOnceParquetSink {

    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceParquetSink.class);

    private final OutputLayout layout;
    private final String idColumn;
    private final StateMetrics<?> metrics;
    private final TrailingTables trailing;
    private SparkParquet parquet;
    private StructType parquetSchema;

    /**
     * @param metrics the tables published beside {@code neighborhoods/}, computed from its new state
     */
    public ExactlyOnceParquetSink(OutputLayout layout, String idColumn, StateMetrics<?> metrics) {
        this.layout = layout;
        this.idColumn = idColumn;
        this.metrics = metrics;
        this.trailing = new TrailingTables(layout);
    }

    /**
     * Stages and commits batch {@code batchId}: {@code incoming} has at most one record per Id, and
     * {@code incomingIds} are its Ids (repeats allowed), known to the caller without computing it.
     * The incoming rows are then computed exactly once, by the write of the staged buckets; nothing
     * wide is cached. The metrics take what they need of them from the rows as they are written.
     */
    public void write(long batchId, IncomingRows incoming, int[] incomingIds, Dataset<Row> rejected) {
        FileSystem fs = layout.fileSystem();
        SparkSession spark = incoming.records().sparkSession();
        Path staging = layout.staging(batchId);
        Map<Path, Path> toPublish = new LinkedHashMap<>();
        delete(fs, staging);
        List<Integer> touched = Arrays.stream(incomingIds)
                .map(id -> OutputLayout.bucket(id, layout.buckets()))
                .distinct()
                .sorted()
                .boxed()
                .toList();
        long prepared = System.nanoTime();
        long metricsStart = prepared;
        StateMetrics.Tables tables = new StateMetrics.Tables(Map.of(), Map.of());
        if (!touched.isEmpty()) {
            tables = stageNeighborhoods(metrics, spark, batchId, incoming, touched, toPublish);
            metricsStart = System.nanoTime();
            // Written on the driver, side by side.
            tables.withBatch().entrySet().parallelStream()
                    .forEach(table ->
                            DriverParquetWriter.write(spark, stagedMetric(staging, table.getKey()), table.getValue()));
            for (String table : tables.withBatch().keySet()) {
                toPublish.put(stagedMetric(staging, table), layout.metricFile(table));
            }
        }
        if (!rejected.isEmpty()) {
            Path stagedRejected = new Path(staging, OutputLayout.REJECTED);
            rejected.coalesce(1)
                    .write()
                    .options(ParquetWriteOptions.forSchema(rejected.schema()))
                    .parquet(stagedRejected.toString());
            toPublish.put(singleFile(fs, stagedRejected), layout.rejectedFile(batchId));
        }
        long committing = System.nanoTime();
        // A trailing table that failed to publish fails the query, as a batch's own table would.
        trailing.rethrowFailure();
        // Another job may have taken the folder over if this one lost its lock (HDFS lease lapsed).
        layout.checkLocked();
        commit(fs, toPublish);
        if (!touched.isEmpty()) {
            metrics.committed(batchId);
            trailing.publish(spark, batchId, tables.trailing());
        }
        delete(fs, staging);
        log.info(
                "Batch {} committed: {} bucket file(s) of {} replaced, {} file(s) published in {}, {} trailing "
                        + "(neighborhoods {} ms, metrics {} ms, commit {} ms)",
                batchId,
                touched.size(),
                layout.buckets(),
                toPublish.size(),
                layout.root(),
                tables.trailing().size(),
                millis(prepared, metricsStart),
                millis(metricsStart, committing),
                millis(committing, System.nanoTime()));
    }

    /**
     * Runs one micro-batch's work, from reading its records to {@link #write}: the trailing tables'
     * writer pauses meanwhile, so the batch has the cores ({@link TrailingTables}).
     */
    public void runBatch(Runnable batch) {
        trailing.runBatch(batch);
    }

    /** Returns once the trailing tables of the last batch are published (a job stopping, a test). */
    public void awaitTrailingTables() {
        trailing.awaitPublished();
    }

    /**
     * At start, before the stream: takes the metrics' state from the published neighborhoods (one
     * pass), so that the first batch costs what the next ones do, and publishes again every metric
     * table a killed job left behind the others (a trailing table of an earlier batch, or the
     * tables of a commit cut short). The latest stamp among the tables is the batch whose
     * neighborhoods are published: a batch publishes its buckets, then the tables it does not
     * leave to trail, and a trailing table is only ever of a batch already published. (If Spark
     * replays a batch whose commit was cut short, its buckets are the ones that batch rewrites, so
     * their state is replaced as after any batch.)
     */
    public void resume(SparkSession spark) {
        List<String> buckets = publishedBuckets(layout.fileSystem(), bucket -> true);
        if (buckets.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Map<String, OptionalLong> stamps = publishedStamps();
        OptionalLong latest =
                stamps.values().stream().flatMapToLong(OptionalLong::stream).max();
        Dataset<Row> neighborhoods = spark.read().parquet(buckets.toArray(String[]::new));
        long batchId = latest.orElse(-1);
        Map<String, DriverParquetWriter.Table> tables =
                tables(metrics, neighborhoods, batchId).all();
        tables.keySet()
                .retainAll(stamps.entrySet().stream()
                        .filter(stamp -> latest.isPresent()
                                && (stamp.getValue().isEmpty()
                                        || stamp.getValue().getAsLong() < batchId))
                        .map(Map.Entry::getKey)
                        .toList());
        if (!tables.isEmpty()) {
            log.info("Publishing {} of batch {} again: a job stopped before publishing them", tables.keySet(), batchId);
            // No batch runs yet: nothing to give way to.
            TrailingTables.write(spark, layout, batchId, tables, () -> {});
        }
        metrics.committed(batchId);
        log.info(
                "Resumed from {} bucket file(s) of batch {} in {} ms",
                buckets.size(),
                latest.isPresent() ? batchId : "(none published)",
                millis(started, System.nanoTime()));
    }

    /** The metric tables of {@code neighborhoods} (the whole table) as batch {@code batchId}'s. */
    private static <T extends AccumulatorV2<InternalRow, ?>> StateMetrics.Tables tables(
            StateMetrics<T> metrics, Dataset<Row> neighborhoods, long batchId) {
        return metrics.tables(metrics.tap(neighborhoods.schema()), () -> Optional.of(neighborhoods), batchId);
    }

    /**
     * Each published metric table's batch stamp, from its footer's statistics (no read of its rows);
     * empty for a table without rows.
     */
    private Map<String, OptionalLong> publishedStamps() {
        Map<String, OptionalLong> stamps = new LinkedHashMap<>();
        FileSystem fs = layout.fileSystem();
        Path metricsDir = new Path(layout.root(), OutputLayout.METRICS);
        try {
            if (!fs.exists(metricsDir)) {
                return stamps;
            }
            for (FileStatus table : fs.listStatus(metricsDir)) {
                Path file = layout.metricFile(table.getPath().getName());
                if (table.isDirectory() && fs.exists(file)) {
                    stamps.put(
                            table.getPath().getName(),
                            ParquetStamps.maxOf(fs.getConf(), file, OutputTables.ENRICHER_BATCH_ID));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the batch stamps of " + metricsDir, e);
        }
        return stamps;
    }

    /**
     * Stages the touched buckets' new content, one file each (added to {@code toPublish}), feeding
     * every written row to the metrics' tap; returns the metric tables over the new state. Only
     * the incoming records are shuffled, each to the task of its bucket, which computes their rows
     * and merges them with the bucket's published file ({@link BucketRewrite}).
     */
    private <T extends AccumulatorV2<InternalRow, ?>> StateMetrics.Tables stageNeighborhoods(
            StateMetrics<T> metrics,
            SparkSession spark,
            long batchId,
            IncomingRows incoming,
            List<Integer> touched,
            Map<Path, Path> toPublish) {
        StructType schema = incoming.rowSchema();
        T tap = metrics.tap(schema);
        spark.sparkContext().register(tap, "neighborhood rows written, batch " + batchId);
        BucketRewrite rewrite = new BucketRewrite(
                parquetFor(spark, schema),
                incoming.toRows(),
                schema.fieldIndex(idColumn),
                layout.buckets(),
                touched,
                published(touched),
                new Path(layout.staging(batchId), OutputLayout.NEIGHBORHOODS),
                tap);
        Dataset<Row> records = incoming.records();
        List<BucketRewrite.Staged> staged = records.repartition(
                        touched.size(), BucketSpread.key(bucketOf(records), touched, layout.buckets()))
                .queryExecution()
                .toRdd()
                .toJavaRDD()
                .mapPartitionsWithIndex(rewrite, true)
                .collect();
        for (BucketRewrite.Staged bucket : staged) {
            if (toPublish.put(new Path(bucket.file()), layout.bucketFile(bucket.bucket())) != null) {
                throw new IllegalStateException("bucket " + bucket.bucket() + " staged twice: " + staged);
            }
        }
        if (staged.size() != touched.size()) {
            throw new IllegalStateException("expected one staged file per bucket " + touched + ", found " + staged);
        }
        return metrics.tables(tap, () -> untouchedRows(spark, schema, touched), batchId);
    }

    /** Spark's Parquet reader and writer for the rewrite's tasks, built once per schema. */
    private SparkParquet parquetFor(SparkSession spark, StructType schema) {
        if (parquet == null || !schema.equals(parquetSchema)) {
            parquet = SparkParquet.forTasks(spark, schema);
            parquetSchema = schema;
        }
        return parquet;
    }

    /** Each touched bucket's published file, in the order of {@code touched}; null for none. */
    private BucketRewrite.Published[] published(List<Integer> touched) {
        FileSystem fs = layout.fileSystem();
        BucketRewrite.Published[] files = new BucketRewrite.Published[touched.size()];
        for (int i = 0; i < files.length; i++) {
            Path file = layout.bucketFile(touched.get(i));
            try {
                files[i] = new BucketRewrite.Published(
                        file.toString(), fs.getFileStatus(file).getLen());
            } catch (java.io.FileNotFoundException e) {
                files[i] = null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the status of " + file, e);
            }
        }
        return files;
    }

    /** The published rows of the buckets a batch did not touch, if any. */
    private Optional<Dataset<Row>> untouchedRows(SparkSession spark, StructType schema, List<Integer> touched) {
        List<String> untouched = publishedBuckets(layout.fileSystem(), bucket -> !touched.contains(bucket));
        return untouched.isEmpty()
                ? Optional.empty()
                : Optional.of(spark.read().schema(schema).parquet(untouched.toArray(String[]::new)));
    }

    private Column bucketOf(Dataset<Row> rows) {
        return pmod(rows.col(idColumn), lit(layout.buckets()));
    }

    private List<String> publishedBuckets(FileSystem fs, java.util.function.IntPredicate which) {
        List<String> files = new ArrayList<>();
        try {
            for (int bucket = 0; bucket < layout.buckets(); bucket++) {
                Path file = layout.bucketFile(bucket);
                if (which.test(bucket) && fs.exists(file)) {
                    files.add(file.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + layout.neighborhoods(), e);
        }
        return files;
    }

    private static void commit(FileSystem fs, Map<Path, Path> toPublish) {
        for (Map.Entry<Path, Path> file : toPublish.entrySet()) {
            try {
                AtomicReplace.replace(fs, file.getKey(), file.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot publish " + file.getValue() + " (the batch will be "
                                + "replayed from the checkpoint on restart)",
                        e);
            }
        }
    }

    /** The one Parquet file Spark wrote into {@code dir} (one task per table). */
    private static Path singleFile(FileSystem fs, Path dir) {
        List<Path> parts = parquetFiles(fs, dir);
        if (parts.size() != 1) {
            throw new IllegalStateException("expected one Parquet file in " + dir + ", found " + parts);
        }
        return parts.get(0);
    }

    private static List<Path> parquetFiles(FileSystem fs, Path dir) {
        try {
            List<Path> parts = new ArrayList<>();
            for (FileStatus status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (status.isFile() && name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
                    parts.add(status.getPath());
                }
            }
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list staged output " + dir, e);
        }
    }

    private static Path stagedMetric(Path staging, String table) {
        return new Path(new Path(staging, OutputLayout.METRICS), table + OutputLayout.PARQUET_SUFFIX);
    }

    private static long millis(long fromNanos, long toNanos) {
        return Math.max(0, (toNanos - fromNanos) / 1_000_000);
    }

    private static void delete(FileSystem fs, Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete staging " + path, e);
        }
    }
}
