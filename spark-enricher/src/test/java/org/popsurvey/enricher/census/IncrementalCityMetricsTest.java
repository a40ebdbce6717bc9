package org.popsurvey.enricher.census;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.sink.ExactlyOnceParquetSink;
import org.popsurvey.enricher.sink.IncomingRows;
import org.popsurvey.enricher.sink.OutputLayout;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.enricher.testing.TestSpark;
import org.popsurvey.schemas.output.OutputTables;

/**
 * The city metrics kept per bucket and updated batch by batch equal the same tables computed from
 * scratch over the final neighborhoods table, after random inserts and updates (zero estimates,
 * unknown estimates and MOEs included) and after a replay of a half-finished commit by a new job.
 */
class IncrementalCityMetricsTest {

    private static final Configuration CONF = new Configuration();
    private static final int BUCKETS = 7;
    private static final List<String> TABLES = List.of(
            OutputTables.CITY_TOTALS,
            OutputTables.POPULATION_BY_AGE_BAND,
            OutputTables.HOUSEHOLD_INCOME,
            OutputTables.COVERAGE_BY_TYPE,
            OutputTables.NEIGHBORHOOD_RANKINGS);
    /** Stamps of when and by which batch a table was computed: not part of its content. */
    private static final List<String> STAMPS = List.of("enricher_batch_id", "computed_at");

    private static SparkSession spark;

    @TempDir
    Path dir;

    private final List<OutputLock> locks = new ArrayList<>();

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
    }

    @AfterEach
    void releaseLocks() {
        locks.forEach(OutputLock::close);
    }

    @Test
    void metricsUpdatedBatchByBatchEqualAFullRecomputationAfterRandomUpdates() {
        String output = dir.resolve("incremental").toString();
        Map<Integer, Row> table = writeRandomBatches(new Random(14), output, 4, CityMetrics.RANKINGS_TRAIL_ABOVE);

        assertThat(metrics(output)).isEqualTo(recomputed(table));
        assertThat(rowCount(output, OutputTables.NEIGHBORHOOD_RANKINGS)).isPositive();
    }

    @Test
    void rankingsKeptBatchByBatchAndTrailingTheirBatchEqualSqlRankOverTheFinalTable() {
        String output = dir.resolve("ranked").toString();
        // Trailing whatever the size: each batch copies the state while the last one's rankings are written.
        Map<Integer, Row> table = writeRandomBatches(new Random(7), output, 5, 0);

        // Computed independently: SQL's rank() over each metric's known values, highest first.
        Dataset<Row> neighborhoods = spark.createDataFrame(new ArrayList<>(table.values()), NeighborhoodTable.SCHEMA);
        List<String> expected = new ArrayList<>();
        for (String metric : OutputTables.RANKED_METRICS) {
            Column value = col(metric).cast("double");
            neighborhoods
                    .where(col(metric).isNotNull())
                    .select(
                            lit(metric),
                            rank().over(Window.orderBy(value.desc())),
                            col(NeighborhoodTable.NEIGHBORHOOD_ID),
                            value,
                            col(NeighborhoodTable.moe(metric)))
                    .collectAsList()
                    .forEach(row -> expected.add(row.mkString(" ")));
        }
        List<String> published =
                PlainParquet.readFolder(CONF, output + "/metrics/" + OutputTables.NEIGHBORHOOD_RANKINGS).stream()
                        .map(row -> row.getString("metric", 0) + " " + row.getInteger("rank", 0) + " "
                                + row.getInteger(NeighborhoodTable.NEIGHBORHOOD_ID, 0) + " " + row.getDouble("value", 0)
                                + " "
                                + PlainParquet.doubleOrNull(row, "moe"))
                        .toList();
        assertThat(expected).hasSizeGreaterThan(200);
        assertThat(published).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aNewJobReplayingAHalfFinishedCommitPublishesTheMetricsOfAFullRecomputation() throws Exception {
        Random random = new Random(41);
        Map<Integer, Row> table = new TreeMap<>();
        Path complete = dir.resolve("complete");
        ExactlyOnceParquetSink completeSink = sink(complete.toString());
        List<Row> backfill = randomRows(random, 50, 60, 0);
        backfill.forEach(row -> table.put(row.getInt(0), row));
        write(completeSink, 0, backfill);
        Path crashed = dir.resolve("crashed");
        FileUtils.copyDirectory(complete.toFile(), crashed.toFile());

        List<Row> batch1 = randomRows(random, 12, 60, 1);
        batch1.forEach(row -> table.put(row.getInt(0), row));
        write(completeSink, 1, batch1);

        // kill -9 during batch 1's commit: one bucket file and one metric table were replaced.
        String bucket = String.format(
                "bucket-%05d.snappy.parquet", OutputLayout.bucket(batch1.get(0).getInt(0), BUCKETS));
        Files.copy(
                complete.resolve("neighborhoods").resolve(bucket),
                crashed.resolve("neighborhoods").resolve(bucket),
                StandardCopyOption.REPLACE_EXISTING);
        String cityTotals = "metrics/city_totals/city_totals.snappy.parquet";
        Files.copy(complete.resolve(cityTotals), crashed.resolve(cityTotals), StandardCopyOption.REPLACE_EXISTING);

        // A new job (no sums in memory) replays batch 1, then goes on with batch 2.
        locks.forEach(OutputLock::close);
        locks.clear();
        ExactlyOnceParquetSink restarted = sink(crashed.toString());
        write(restarted, 1, batch1);
        assertThat(metrics(crashed.toString())).isEqualTo(recomputed(table));

        List<Row> batch2 = randomRows(random, 5, 70, 2);
        batch2.forEach(row -> table.put(row.getInt(0), row));
        write(restarted, 2, batch2);
        assertThat(metrics(crashed.toString())).isEqualTo(recomputed(table));
    }

    @Test
    void aNewJobPublishesTheRankingsThatAKilledJobLeftABatchBehindBeforeItsStreamStarts() throws Exception {
        Random random = new Random(23);
        Map<Integer, Row> table = new TreeMap<>();
        Path output = dir.resolve("killed");
        Path rankings = output.resolve("metrics/neighborhood_rankings/neighborhood_rankings.snappy.parquet");
        ExactlyOnceParquetSink killed = sink(output.toString(), 0);
        List<Row> backfill = randomRows(random, 50, 60, 0);
        backfill.forEach(row -> table.put(row.getInt(0), row));
        write(killed, 0, backfill);
        Path ofBatch0 = Files.copy(rankings, dir.resolve("rankings-batch-0.parquet"));
        List<Row> batch1 = randomRows(random, 12, 60, 1);
        batch1.forEach(row -> table.put(row.getInt(0), row));
        write(killed, 1, batch1);
        // kill -9 after batch 1's commit, before its rankings were out: batch 0's stay.
        Files.copy(ofBatch0, rankings, StandardCopyOption.REPLACE_EXISTING);
        assertThat(metrics(output.toString())).isNotEqualTo(recomputed(table));

        locks.forEach(OutputLock::close);
        locks.clear();
        ExactlyOnceParquetSink restarted = sink(output.toString(), 0);
        restarted.resume(spark);
        assertThat(metrics(output.toString())).isEqualTo(recomputed(table));
        assertThat(PlainParquet.readFolder(CONF, output + "/metrics/" + OutputTables.NEIGHBORHOOD_RANKINGS).stream()
                        .map(row -> row.getLong("enricher_batch_id", 0))
                        .distinct())
                .containsExactly(1L);

        // The state built for it is the next batch's starting point.
        List<Row> batch2 = randomRows(random, 5, 70, 2);
        batch2.forEach(row -> table.put(row.getInt(0), row));
        write(restarted, 2, batch2);
        assertThat(metrics(output.toString())).isEqualTo(recomputed(table));
    }

    /**
     * Writes {@code batches} random batches to {@code output} with one job: the first a backfill of
     * Ids 1..80, the later ones a few neighborhoods each, some of them new. Returns the final table.
     */
    private Map<Integer, Row> writeRandomBatches(Random random, String output, int batches, long rankingsTrailAbove) {
        Map<Integer, Row> table = new TreeMap<>();
        ExactlyOnceParquetSink sink = sink(output, rankingsTrailAbove);
        for (long batch = 0; batch < batches; batch++) {
            List<Row> rows = randomRows(random, batch == 0 ? 60 : 1 + random.nextInt(6), 80, batch);
            rows.forEach(row -> table.put(row.getInt(0), row));
            sink.write(batch, IncomingRows.of(dataset(rows)), ids(rows), dataset(List.of()));
        }
        sink.awaitTrailingTables();
        return table;
    }

    /** The metric tables computed in one batch over {@code table}, by a job that kept nothing. */
    private Map<String, List<Map<String, Object>>> recomputed(Map<Integer, Row> table) {
        String output = dir.resolve("recomputed-" + System.nanoTime()).toString();
        write(sink(output), 0, new ArrayList<>(table.values()));
        return metrics(output);
    }

    private ExactlyOnceParquetSink sink(String output) {
        return sink(output, CityMetrics.RANKINGS_TRAIL_ABOVE);
    }

    private ExactlyOnceParquetSink sink(String output, long rankingsTrailAbove) {
        OutputLock lock = OutputLayout.lock(output, CONF);
        locks.add(lock);
        return new ExactlyOnceParquetSink(
                OutputLayout.open(output, BUCKETS, CONF, lock),
                NeighborhoodTable.NEIGHBORHOOD_ID,
                new CityMetrics(BUCKETS, rankingsTrailAbove));
    }

    /** Writes batch {@code batchId}, and waits for its trailing tables if any (a test reads or copies them next). */
    private static void write(ExactlyOnceParquetSink sink, long batchId, List<Row> rows) {
        sink.write(batchId, IncomingRows.of(dataset(rows)), ids(rows), dataset(List.of()));
        sink.awaitTrailingTables();
    }

    private static Dataset<Row> dataset(List<Row> rows) {
        return spark.createDataFrame(rows, NeighborhoodTable.SCHEMA);
    }

    private static int[] ids(List<Row> rows) {
        return rows.stream().mapToInt(row -> row.getInt(0)).toArray();
    }

    /**
     * Every metric table as a plain reader sees it, rows in a fixed order, without the stamps; doubles
     * rounded to 9 significant digits (sums of doubles added in another order differ in the last bits).
     */
    private static Map<String, List<Map<String, Object>>> metrics(String output) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Group group : PlainParquet.readFolder(CONF, output + "/metrics/" + table)) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < group.getType().getFieldCount(); i++) {
                    String field = group.getType().getFieldName(i);
                    if (!STAMPS.contains(field)) {
                        row.put(field, group.getFieldRepetitionCount(i) == 0 ? null : value(group, i));
                    }
                }
                rows.add(row);
            }
            // Tied rankings may come in any order (sorted by value alone): compared as sets of rows.
            rows.sort(java.util.Comparator.comparing(Object::toString));
            tables.put(table, rows);
        }
        return tables;
    }

    private static Object value(Group group, int field) {
        var type = group.getType().getType(field);
        if (!type.isPrimitive()) {
            return group.getGroup(field, 0).toString();
        }
        return switch (type.asPrimitiveType().getPrimitiveTypeName()) {
            case DOUBLE -> String.format("%.9g", group.getDouble(field, 0));
            case INT64 -> group.getLong(field, 0);
            case INT32 -> group.getInteger(field, 0);
            case BOOLEAN -> group.getBoolean(field, 0);
            default -> group.getValueToString(field, 0);
        };
    }

    private static long rowCount(String output, String table) {
        return PlainParquet.rowCount(CONF, output + "/metrics/" + table);
    }

    /**
     * {@code count} rows of Ids in 1..maxId (distinct), every column of the neighborhoods table
     * filled by type: estimates 0 one time in five and unknown one time in ten, MOEs unknown one
     * time in twenty.
     */
    private static List<Row> randomRows(Random random, int count, int maxId, long batch) {
        Map<Integer, Row> rows = new HashMap<>();
        while (rows.size() < count) {
            int id = 1 + random.nextInt(maxId);
            List<Object> values = new ArrayList<>();
            for (StructField field : NeighborhoodTable.SCHEMA.fields()) {
                values.add(value(random, field, id, batch));
            }
            rows.put(id, RowFactory.create(values.toArray()));
        }
        return new ArrayList<>(rows.values());
    }

    private static Object value(Random random, StructField field, int id, long batch) {
        String name = field.name();
        DataType type = field.dataType();
        if (name.equals(NeighborhoodTable.NEIGHBORHOOD_ID)) {
            return id;
        }
        if (name.equals(NeighborhoodTable.NEIGHBORHOOD)) {
            return "Neighborhood " + id;
        }
        if (name.equals(NeighborhoodTable.ENRICHER_BATCH_ID)) {
            return batch;
        }
        boolean unknown = field.nullable() && random.nextInt(name.endsWith("_moe") ? 20 : 10) == 0;
        if (unknown) {
            return null;
        }
        if (type.equals(DataTypes.LongType)) {
            return random.nextInt(5) == 0 ? 0L : (long) random.nextInt(5_000);
        }
        if (type.equals(DataTypes.DoubleType)) {
            return random.nextDouble() * 400;
        }
        if (type.equals(DataTypes.IntegerType)) {
            return random.nextInt(100);
        }
        if (type.equals(DataTypes.BooleanType)) {
            return random.nextBoolean();
        }
        if (type.equals(DataTypes.TimestampType)) {
            return new Timestamp(1_700_000_000_000L);
        }
        if (type.equals(DataTypes.StringType)) {
            return "s" + random.nextInt(3);
        }
        if (type instanceof ArrayType) {
            return scala.collection.JavaConverters.asScalaBuffer(List.of("s" + random.nextInt(3)))
                    .toSeq();
        }
        if (!field.nullable()) {
            throw new IllegalStateException("no value for required column " + field);
        }
        return null;
    }
}
