package org.popsurvey.enricher.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.enricher.SparkFailures;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.enricher.testing.TestSpark;
import org.popsurvey.schemas.output.OutputTables;

/** The commit protocol on the local file system, including a replay after a half-finished commit. */
class ExactlyOnceParquetSinkTest {

    private static final StructType SCHEMA = new StructType()
            .add("neighborhood_id", DataTypes.IntegerType, false)
            .add("value", DataTypes.LongType, false);
    private static SparkSession spark;
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private final Map<String, OutputLock> locks = new java.util.HashMap<>();

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
    }

    @Test
    void laterBatchesReplaceRowsAndOnlyTouchTheirBuckets() throws Exception {
        String output = dir.resolve("out").toString();
        ExactlyOnceParquetSink sink = sink(output);
        write(sink, 0, rows(1, 10, 1));
        assertThat(read(output)).hasSize(10).containsEntry(2, 2L);
        assertThat(PlainParquet.parquetFiles(CONF, output + "/neighborhoods"))
                .containsExactlyInAnyOrder(
                        "bucket-00000.snappy.parquet", "bucket-00001.snappy.parquet", "bucket-00002.snappy.parquet");
        long untouchedModified = Files.getLastModifiedTime(dir.resolve("out/neighborhoods/bucket-00000.snappy.parquet"))
                .toMillis();

        Thread.sleep(20);
        write(sink, 1, dataset(List.of(RowFactory.create(2, 200L), RowFactory.create(11, 1100L))));
        Map<Integer, Long> after = read(output);
        assertThat(after)
                .hasSize(11)
                .containsEntry(2, 200L)
                .containsEntry(11, 1100L)
                .containsEntry(3, 3L);
        // Ids 2 and 11 are both in bucket 2 (mod 3): bucket 0 was not rewritten.
        assertThat(Files.getLastModifiedTime(dir.resolve("out/neighborhoods/bucket-00000.snappy.parquet"))
                        .toMillis())
                .isEqualTo(untouchedModified);
        // Counted as written (bucket 2: Ids 2, 5, 8, 11) plus the untouched buckets (7 rows).
        assertThat(PlainParquet.readFolder(CONF, output + "/metrics/row_count")
                        .get(0)
                        .getLong("count", 0))
                .isEqualTo(11L);
        assertThat(PlainParquet.readFolder(CONF, output + "/metrics/rows_written")
                        .get(0)
                        .getLong("count", 0))
                .isEqualTo(4L);
        assertThat(Files.exists(dir.resolve("out/_staging/batch-1"))).isFalse();
    }

    @Test
    void theWriteTasksComputeTheRowsOfTheRecordsOfTheirBucket() {
        String output = dir.resolve("out").toString();
        ExactlyOnceParquetSink sink = sink(output);
        write(sink, 0, rows(1, 6, 1));
        // Records of Id and a count; each task makes its rows: value = count * 1000 + the task's partition.
        StructType recordSchema = new StructType()
                .add("neighborhood_id", DataTypes.IntegerType, false)
                .add("count", DataTypes.IntegerType, false);
        Dataset<Row> records = spark.createDataFrame(
                List.of(RowFactory.create(2, 7), RowFactory.create(5, 8), RowFactory.create(3, 9)), recordSchema);
        IncomingRows incoming = new IncomingRows(records, SCHEMA, new CountTimesThousandPlusPartition());

        sink.write(1, incoming, new int[] {2, 5, 3}, noRejects());
        sink.awaitTrailingTables();

        // Ids 2 and 5 in bucket 2 (partition 1 of the touched buckets 0 and 2), Id 3 in bucket 0 (partition 0).
        assertThat(read(output)).isEqualTo(Map.of(1, 1L, 2, 7001L, 3, 9000L, 4, 4L, 5, 8001L, 6, 6L));
    }

    @Test
    void aPlainReaderAskingForOptionalColumnsReadsTheRewrittenBuckets() {
        String output = dir.resolve("out").toString();
        ExactlyOnceParquetSink sink = sink(output);
        write(sink, 0, rows(1, 6, 1));
        write(sink, 1, dataset(List.of(RowFactory.create(4, 400L), RowFactory.create(7, 700L))));

        // As pyarrow or a Hive table would ask: every column optional. Spark writes them so; a file
        // declaring a column required is refused for such a read.
        Configuration optionalColumns = new Configuration();
        optionalColumns.set(
                "parquet.read.schema", "message plain { optional int32 neighborhood_id; optional int64 value; }");
        Map<Integer, Long> values = new TreeMap<>();
        for (Group row : PlainParquet.readFolder(optionalColumns, output + "/neighborhoods")) {
            assertThat(values.put(row.getInteger("neighborhood_id", 0), row.getLong("value", 0)))
                    .as("each Id once")
                    .isNull();
        }
        assertThat(values).isEqualTo(Map.of(1, 1L, 2, 2L, 3, 3L, 4, 400L, 5, 5L, 6, 6L, 7, 700L));
    }

    @Test
    void aPublishedBucketThatCannotBeReadFailsTheBatchNamingTheFileAndPublishesNothing() throws Exception {
        String output = dir.resolve("out").toString();
        ExactlyOnceParquetSink sink = sink(output);
        write(sink, 0, rows(1, 6, 1));
        Path damaged = dir.resolve("out/neighborhoods/bucket-00002.snappy.parquet");
        Files.writeString(damaged, "not parquet at all");
        long otherModified = Files.getLastModifiedTime(dir.resolve("out/neighborhoods/bucket-00001.snappy.parquet"))
                .toMillis();

        // Ids 4 (bucket 1) and 5 (bucket 2, damaged).
        assertThatThrownBy(() -> write(sink, 1, dataset(List.of(RowFactory.create(4, 40L), RowFactory.create(5, 50L)))))
                .satisfies(failure -> assertThat(
                                SparkFailures.actionable(failure, "batch 1").getMessage())
                        .startsWith("Cannot read the published bucket file ")
                        .contains("bucket-00002.snappy.parquet", "the batch was not published"));
        assertThat(Files.readString(damaged)).isEqualTo("not parquet at all");
        assertThat(Files.getLastModifiedTime(dir.resolve("out/neighborhoods/bucket-00001.snappy.parquet"))
                        .toMillis())
                .isEqualTo(otherModified);
    }

    @Test
    void aReplayAfterAHalfFinishedCommitConvergesToTheSameTable() throws Exception {
        Path complete = dir.resolve("complete");
        write(sink(complete.toString()), 0, rows(1, 9, 1));
        Path crashed = dir.resolve("crashed");
        FileUtils.copyDirectory(complete.toFile(), crashed.toFile());

        Dataset<Row> batch1 = rows(1, 5, 100);
        write(sink(complete.toString()), 1, batch1);

        // The crash: only bucket 1 of batch 1 got published, and staging was left behind.
        Files.copy(
                complete.resolve("neighborhoods/bucket-00001.snappy.parquet"),
                crashed.resolve("neighborhoods/bucket-00001.snappy.parquet"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(crashed.resolve("_staging/batch-1/neighborhoods/bucket=2"));
        Files.writeString(crashed.resolve("_staging/batch-1/neighborhoods/bucket=2/part-0.parquet"), "half written");

        // Restart: opening the output wipes staging; Spark replays batch 1 with the same records.
        write(sink(crashed.toString()), 1, batch1);
        assertThat(read(crashed.toString()))
                .isEqualTo(read(complete.toString()))
                .hasSize(9)
                .containsEntry(4, 400L)
                .containsEntry(8, 8L);
        assertThat(Files.exists(crashed.resolve("_staging"))).isTrue();
        assertThat(Files.list(crashed.resolve("_staging")).count()).isZero();
    }

    @Test
    void aNewJobPublishesAgainATrailingTableThatAKilledJobLeftABatchBehind() throws Exception {
        String output = dir.resolve("killed").toString();
        Path rowCount = dir.resolve("killed/metrics/row_count/row_count.snappy.parquet");
        ExactlyOnceParquetSink killed = sink(output);
        write(killed, 0, rows(1, 9, 1));
        Path ofBatch0 = Files.copy(rowCount, dir.resolve("row_count-batch-0.parquet"));
        write(killed, 1, dataset(List.of(RowFactory.create(10, 1000L))));
        // kill -9 after batch 1's commit, before its trailing table was out: batch 0's stays.
        Files.copy(ofBatch0, rowCount, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(metric(output, "row_count")).isEqualTo(Map.of("count", 9L, "enricher_batch_id", 0L));

        // No new record comes: the new job publishes it again before its stream starts.
        sink(output).resume(spark);
        assertThat(metric(output, "row_count")).isEqualTo(Map.of("count", 10L, "enricher_batch_id", 1L));
        // Published with batch 1 (bucket 1: Ids 1, 4, 7, 10), so not behind: left as it was.
        assertThat(metric(output, "rows_written")).isEqualTo(Map.of("count", 4L, "enricher_batch_id", 1L));
        long republished = Files.getLastModifiedTime(rowCount).toMillis();

        Thread.sleep(20);
        sink(output).resume(spark);
        assertThat(Files.getLastModifiedTime(rowCount).toMillis()).isEqualTo(republished);
    }

    @Test
    void batchesArePublishedWhileATrailingTableIsWrittenAndOnlyTheLatestIsWrittenNext() throws Exception {
        String output = dir.resolve("trailing").toString();
        CountDownLatch gate = new CountDownLatch(1);
        RowCounts counts = new RowCounts(gate);
        ExactlyOnceParquetSink sink = new ExactlyOnceParquetSink(layout(output, 3), "neighborhood_id", counts);
        sink.write(0, IncomingRows.of(rows(1, 9, 1)), ids(rows(1, 9, 1)), noRejects());
        // Batch 0's trailing table is held at the gate; batches 1 and 2 are published meanwhile.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            sink.write(1, IncomingRows.of(dataset(List.of(RowFactory.create(10, 10L)))), new int[] {10}, noRejects());
            sink.write(2, IncomingRows.of(dataset(List.of(RowFactory.create(2, 200L)))), new int[] {2}, noRejects());
        });
        assertThat(read(output)).hasSize(10).containsEntry(2, 200L).containsEntry(10, 10L);
        // Batch 2 rewrote bucket 2 (Ids 2, 5, 8).
        assertThat(metric(output, "rows_written")).isEqualTo(Map.of("count", 3L, "enricher_batch_id", 2L));
        assertThat(Files.exists(dir.resolve("trailing/metrics/row_count"))).isFalse();

        gate.countDown();
        sink.awaitTrailingTables();
        assertThat(metric(output, "row_count")).isEqualTo(Map.of("count", 10L, "enricher_batch_id", 2L));
        // Batch 1's was replaced by batch 2's before the thread was free to write it.
        assertThat(counts.trailingWritten).containsExactly(0L, 2L);
    }

    @Test
    void theBucketCountIsFixedWhenTheOutputIsCreated() {
        String output = dir.resolve("pinned").toString();
        layout(output, 3);
        assertThatThrownBy(() -> layout(output, 5))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("was created with --buckets 3, not 5");
    }

    /** A one-row metric table, as a plain reader sees it. */
    private static Map<String, Long> metric(String output, String table) {
        Group row = PlainParquet.readFolder(CONF, output + "/metrics/" + table).get(0);
        return Map.of("count", row.getLong("count", 0), "enricher_batch_id", row.getLong("enricher_batch_id", 0));
    }

    private ExactlyOnceParquetSink sink(String output) {
        return new ExactlyOnceParquetSink(layout(output, 3), "neighborhood_id", new RowCounts());
    }

    /** The layout of {@code output}, its lock taken once per test and released after it. */
    private OutputLayout layout(String output, int buckets) {
        OutputLock lock = locks.computeIfAbsent(output, folder -> OutputLayout.lock(folder, CONF));
        return OutputLayout.open(output, buckets, CONF, lock);
    }

    @AfterEach
    void releaseLocks() {
        locks.values().forEach(OutputLock::close);
    }

    /**
     * The rows the tap counted (published with the batch) and those of the whole table, the
     * untouched buckets included (trailing the batch, as the rankings of a large table do).
     */
    private static final class RowCounts implements StateMetrics<RowCounter> {
        /** Opened before a trailing table is written. */
        private final CountDownLatch gate;
        /** The batches whose trailing table was written, in order. */
        final List<Long> trailingWritten = new CopyOnWriteArrayList<>();

        RowCounts() {
            this(new CountDownLatch(0));
        }

        RowCounts(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public RowCounter tap(StructType schema) {
            return new RowCounter();
        }

        @Override
        public Tables tables(RowCounter written, Supplier<Optional<Dataset<Row>>> untouched, long batchId) {
            long total = written.value() + untouched.get().map(Dataset::count).orElse(0L);
            DriverParquetWriter.Table rowCount = count(total, batchId);
            DriverParquetWriter.Table gated = new DriverParquetWriter.Table(rowCount.schema(), writer -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                trailingWritten.add(batchId);
                rowCount.parts().get(0).writeTo(writer);
            });
            return new Tables(Map.of("rows_written", count(written.value(), batchId)), Map.of("row_count", gated));
        }

        private static DriverParquetWriter.Table count(long count, long batchId) {
            return DriverParquetWriter.Table.of(
                    new StructType()
                            .add("count", DataTypes.LongType, false)
                            .add(OutputTables.ENRICHER_BATCH_ID, DataTypes.LongType, false),
                    List.of(RowFactory.create(count, batchId)));
        }
    }

    private static final class RowCounter extends AccumulatorV2<InternalRow, Long> {
        private long rows;

        @Override
        public boolean isZero() {
            return rows == 0;
        }

        @Override
        public RowCounter copy() {
            RowCounter copy = new RowCounter();
            copy.rows = rows;
            return copy;
        }

        @Override
        public void reset() {
            rows = 0;
        }

        @Override
        public void add(InternalRow row) {
            rows++;
        }

        @Override
        public void merge(AccumulatorV2<InternalRow, Long> other) {
            rows += other.value();
        }

        @Override
        public Long value() {
            return rows;
        }
    }

    /** Rows of records (Id, count): value = count * 1000 + the partition of the task making the row. */
    private static final class CountTimesThousandPlusPartition
            implements FlatMapFunction<java.util.Iterator<InternalRow>, InternalRow> {
        @Override
        public java.util.Iterator<InternalRow> call(java.util.Iterator<InternalRow> records) {
            int partition = TaskContext.getPartitionId();
            List<InternalRow> rows = new ArrayList<>();
            records.forEachRemaining(record -> rows.add(
                    new GenericInternalRow(new Object[] {record.getInt(0), record.getInt(1) * 1000L + partition})));
            return rows.iterator();
        }
    }

    /** Writes batch {@code batchId}, and waits for its trailing table (a test reads or copies it next). */
    private static void write(ExactlyOnceParquetSink sink, long batchId, Dataset<Row> rows) {
        sink.write(batchId, IncomingRows.of(rows), ids(rows), noRejects());
        sink.awaitTrailingTables();
    }

    private static int[] ids(Dataset<Row> rows) {
        return rows.select("neighborhood_id").collectAsList().stream()
                .mapToInt(row -> row.getInt(0))
                .toArray();
    }

    /** Ids from..to with value id * factor. */
    private static Dataset<Row> rows(int from, int to, long factor) {
        List<Row> rows = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            rows.add(RowFactory.create(id, id * factor));
        }
        return dataset(rows);
    }

    private static Dataset<Row> dataset(List<Row> rows) {
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Dataset<Row> noRejects() {
        return spark.createDataFrame(List.of(), SCHEMA);
    }

    /** Every row of every Parquet file in neighborhoods/, failing on a repeated Id. */
    private static Map<Integer, Long> read(String output) {
        Map<Integer, Long> values = new TreeMap<>();
        for (Group row : PlainParquet.readFolder(CONF, output + "/neighborhoods")) {
            Long previous = values.put(row.getInteger("neighborhood_id", 0), row.getLong("value", 0));
            assertThat(previous)
                    .as("neighborhood %d twice", row.getInteger("neighborhood_id", 0))
                    .isNull();
        }
        return values;
    }
}
