package org.popsurvey.enricher.reference;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.popsurvey.enricher.failure.SparkFailures;
import org.popsurvey.schemas.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;

/**
 * Loads the three reference tables from a local folder or an {@code hdfs://} URI, once: checks
 * each file's header against the published one ({@link SourceFile#header()}), reads every row as
 * text (no inference: an annotation such as {@code **} must not turn a column into strings or
 * nulls behind our back), parses the cells the output uses with {@link AcsCell}
 * ({@link ReferenceRowParser}), and computes one {@link ReferenceProfile} row per Id. The result is
 * cached for the joins.
 *
 * <p>Each file is read once, in one pass, into a narrow cached table (Id, name, one array of
 * values); one job checks the three (cell errors, duplicate Ids) while filling those caches, and
 * the joins of the three files shuffle numbers, not the 134 text cells of the health table.
 * Cell problems are reported by the tasks in an error column and raised here, on the driver.
 */
public final class ReferenceTables {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceTables.class);
    private static final String FILE = "_file";

    private ReferenceTables() {
    }

    /** The profile rows ({@link ReferenceProfile#SCHEMA}), cached and materialized. */
    public static Dataset<Row> load(SparkSession spark, String referenceDir) {
        long start = System.nanoTime();
        Map<SourceFile, Path> paths = new LinkedHashMap<>();
        for (SourceFile file : SourceFile.REFERENCE_TABLES) {
            Path path = new Path(referenceDir, file.fileName());
            checkHeader(spark, file, path);
            paths.put(file, path);
        }
        Map<SourceFile, Dataset<Row>> parsed = new LinkedHashMap<>();
        try {
            paths.forEach((file, path) -> parsed.put(file, parse(spark, file, path)));
            check(parsed, paths);
            // The widest file (health: 80 cells a row) joins last, so its rows are shuffled once.
            List<SourceFile> joinOrder = new ArrayList<>(parsed.keySet());
            joinOrder.sort(Comparator.comparingInt(file -> ReferenceMeasure.from(file).size()));
            Dataset<Row> joined = null;
            for (SourceFile file : joinOrder) {
                Dataset<Row> cells = parsed.get(file).select(col(ReferenceProfile.NEIGHBORHOOD_ID),
                        col(ReferenceRowParser.CELLS).as(file.name()));
                joined = joined == null ? cells : fullOuterJoin(joined, cells);
            }
            List<Column> inFileOrder = new ArrayList<>(List.of(col(ReferenceProfile.NEIGHBORHOOD_ID)));
            parsed.keySet().forEach(file -> inFileOrder.add(col(file.name())));
            // Cached hash-partitioned by Id like the micro-batches' latest records (spark.sql.shuffle.partitions),
            // so a join too big to broadcast needs no shuffle of the reference side either.
            Dataset<Row> profiles = joined.select(inFileOrder.toArray(Column[]::new))
                    .map(new ReferenceProfile(), Encoders.row(ReferenceProfile.SCHEMA))
                    .repartition(col(ReferenceProfile.NEIGHBORHOOD_ID))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long count = SparkFailures.unwrap(profiles::count, "Cannot load the reference tables from " + referenceDir);
            LOG.info("Loaded reference tables from {}: {} neighborhood Ids in {} ms", referenceDir, count,
                    (System.nanoTime() - start) / 1_000_000);
            return profiles;
        } finally {
            // The profiles are cached; the parsed files were only needed to build them.
            parsed.values().forEach(Dataset::unpersist);
        }
    }

    /** Compares the first line with the published header; names the file and the first wrong column. */
    static void checkHeader(SparkSession spark, SourceFile file, Path path) {
        List<String> found;
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
                String line = reader.readLine();
                if (line == null) {
                    throw new ReferenceDataException("Reference file " + path + " is empty; expected the header "
                            + "and one row per neighborhood of " + file.fileName());
                }
                found = List.of(line.replace("\uFEFF", "").replace("\r", "").split(",", -1));
            }
        } catch (FileNotFoundException e) {
            throw new ReferenceDataException("Reference file missing: " + path + " (the folder given with "
                    + "--reference-dir must hold " + file.fileName() + ")");
        } catch (IOException e) {
            throw new ReferenceDataException("Cannot read reference file " + path + ": " + e.getMessage(), e);
        }
        List<String> expected = file.header();
        for (int i = 0; i < Math.max(expected.size(), found.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : null;
            String got = i < found.size() ? found.get(i).strip() : null;
            if (want == null) {
                throw new ReferenceDataException("Reference file " + path + ": unexpected column " + (i + 1)
                        + " '" + got + "'; the published header has " + expected.size() + " columns");
            }
            if (!want.equals(got)) {
                String detail = got == null ? "is missing (the header has only " + found.size() + " columns)"
                        : found.stream().map(String::strip).anyMatch(want::equals)
                                ? "is out of place: column " + (i + 1) + " is '" + got + "'"
                                : "is missing: column " + (i + 1) + " is '" + got + "'";
                throw new ReferenceDataException("Reference file " + path + ": column " + (i + 1) + " '" + want
                        + "' " + detail);
            }
        }
    }

    /** One file as {@link ReferenceRowParser#SCHEMA} rows, one per data line, cached (not yet read). */
    private static Dataset<Row> parse(SparkSession spark, SourceFile file, Path path) {
        return spark.read().text(path.toString())
                .flatMap(new ReferenceRowParser(file, path.toString()), Encoders.row(ReferenceRowParser.SCHEMA))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Every row of every file parsed, every Id on one row of its file: one Spark job for the three
     * files (which also fills their caches), then, only if a file has duplicates, one to name them.
     * Problems are reported file by file in {@link SourceFile#REFERENCE_TABLES} order.
     */
    private static void check(Map<SourceFile, Dataset<Row>> parsed, Map<SourceFile, Path> paths) {
        Dataset<Row> all = null;
        for (Map.Entry<SourceFile, Dataset<Row>> file : parsed.entrySet()) {
            Dataset<Row> rows = file.getValue().select(lit(file.getKey().ordinal()).as(FILE),
                    col(ReferenceProfile.NEIGHBORHOOD_ID), col(ReferenceRowParser.LOAD_ERROR));
            all = all == null ? rows : all.union(rows);
        }
        Dataset<Row> summary = all.groupBy(FILE).agg(
                first(col(ReferenceRowParser.LOAD_ERROR), true).as("error"),
                count(col(ReferenceProfile.NEIGHBORHOOD_ID)).as("ids"),
                countDistinct(col(ReferenceProfile.NEIGHBORHOOD_ID)).as("distinct_ids"));
        Map<Integer, Row> byFile = new HashMap<>();
        SparkFailures.unwrap(summary::collectAsList, "Cannot read the reference files in " + paths.values())
                .forEach(row -> byFile.put(row.getInt(0), row));
        for (SourceFile file : parsed.keySet()) {
            Row found = byFile.get(file.ordinal());
            if (found == null) {
                continue; // a file with a header and no rows
            }
            if (!found.isNullAt(1)) {
                throw new ReferenceDataException(found.getString(1));
            }
            if (found.getLong(2) != found.getLong(3)) {
                throw duplicates(parsed.get(file), paths.get(file));
            }
        }
    }

    private static ReferenceDataException duplicates(Dataset<Row> rows, Path path) {
        List<Row> duplicates = SparkFailures.unwrap(() -> rows.groupBy(ReferenceProfile.NEIGHBORHOOD_ID).count()
                .filter(col("count").gt(1)).orderBy(ReferenceProfile.NEIGHBORHOOD_ID).limit(5).collectAsList(),
                "Cannot read reference file " + path);
        List<Object> ids = new ArrayList<>();
        duplicates.forEach(row -> ids.add(row.get(0)));
        return new ReferenceDataException("Reference file " + path + ": Id(s) " + ids
                + " appear on more than one row; each neighborhood Id must appear once");
    }

    /** Joins on the Id keeping every Id of either side; a side without the Id gets a null struct. */
    private static Dataset<Row> fullOuterJoin(Dataset<Row> left, Dataset<Row> right) {
        List<Column> columns = new ArrayList<>();
        columns.add(org.apache.spark.sql.functions.coalesce(left.col(ReferenceProfile.NEIGHBORHOOD_ID),
                right.col(ReferenceProfile.NEIGHBORHOOD_ID)).as(ReferenceProfile.NEIGHBORHOOD_ID));
        for (Dataset<Row> side : List.of(left, right)) {
            for (String name : side.columns()) {
                if (!name.equals(ReferenceProfile.NEIGHBORHOOD_ID)) {
                    columns.add(side.col(name));
                }
            }
        }
        // A hash join: neither side is sorted (Spark's default here is a sort-merge join).
        return left.join(right.hint("shuffle_hash"), left.col(ReferenceProfile.NEIGHBORHOOD_ID)
                        .equalTo(right.col(ReferenceProfile.NEIGHBORHOOD_ID)), "full_outer")
                .select(columns.toArray(Column[]::new));
    }
}
