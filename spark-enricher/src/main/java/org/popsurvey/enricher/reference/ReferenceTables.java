package org.popsurvey.enricher.reference;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.popsurvey.enricher.failure.SparkFailures;
import org.popsurvey.schemas.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.array;

/**
 * Loads the three reference tables from a local folder or an {@code hdfs://} URI, once: checks
 * each file's header against the published one ({@link SourceFile#header()}), reads it with an
 * explicit all-text schema (no inference: an annotation such as {@code **} must not turn a column
 * into strings or nulls behind our back), parses every cell with {@link AcsCell}, and computes one
 * {@link ReferenceProfile} row per Id. The result is cached for broadcast joins.
 * Cell problems are reported by the tasks in an error column and raised here, on the driver.
 */
public final class ReferenceTables {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceTables.class);

    private ReferenceTables() {
    }

    /** The profile rows ({@link ReferenceProfile#SCHEMA}), cached and materialized. */
    public static Dataset<Row> load(SparkSession spark, String referenceDir) {
        Map<SourceFile, String> locations = new LinkedHashMap<>();
        Dataset<Row> joined = null;
        for (SourceFile file : SourceFile.REFERENCE_TABLES) {
            Path path = new Path(referenceDir, file.fileName());
            locations.put(file, path.toString());
            checkHeader(spark, file, path);
            Dataset<Row> keyed = read(spark, file, path);
            joined = joined == null ? keyed : fullOuterJoin(joined, keyed);
        }
        // Cached hash-partitioned by Id like the micro-batches' latest records (spark.sql.shuffle.partitions),
        // so a join too big to broadcast needs no shuffle of the reference side either.
        Dataset<Row> profiles = joined
                .map(new ReferenceProfile(locations), Encoders.row(ReferenceProfile.SCHEMA))
                .repartition(col(ReferenceProfile.NEIGHBORHOOD_ID))
                .persist(StorageLevel.MEMORY_AND_DISK());
        String context = "Cannot load the reference tables from " + referenceDir;
        failOnFirstError(profiles, ReferenceProfile.LOAD_ERROR, context);
        long count = SparkFailures.unwrap(profiles::count, context);
        LOG.info("Loaded reference tables from {}: {} neighborhood Ids", referenceDir, count);
        return profiles.drop(ReferenceProfile.LOAD_ERROR);
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

    private static Dataset<Row> read(SparkSession spark, SourceFile file, Path path) {
        List<StructField> fields = file.header().stream()
                .map(name -> DataTypes.createStructField(name, DataTypes.StringType, true))
                .collect(Collectors.toList());
        StructType text = DataTypes.createStructType(fields);
        Dataset<Row> raw = spark.read()
                .schema(text)
                .option("header", "true")
                .option("enforceSchema", "true") // the header was checked above, by name
                .option("mode", "FAILFAST")
                .csv(path.toString());
        // The cells travel as one array in header order: a 134-field struct makes Catalyst's plans
        // (and so every query on them) orders of magnitude slower to optimize.
        Column[] cells = file.header().stream().map(ReferenceTables::column).toArray(Column[]::new);
        Dataset<Row> keyed = raw
                .select(column(ReferenceProfile.ID_HEADER).as("id_text"), array(cells).as(file.name()))
                .map(new IdParser(file, path.toString()), Encoders.row(DataTypes.createStructType(new StructField[] {
                    DataTypes.createStructField(ReferenceProfile.NEIGHBORHOOD_ID, DataTypes.IntegerType, true),
                    DataTypes.createStructField(file.name(), DataTypes.createArrayType(DataTypes.StringType, true), false),
                    DataTypes.createStructField(ReferenceProfile.LOAD_ERROR, DataTypes.StringType, true)})))
                .persist(StorageLevel.MEMORY_AND_DISK());
        failOnFirstError(keyed, ReferenceProfile.LOAD_ERROR, "Cannot read reference file " + path);
        List<Row> duplicates = SparkFailures.unwrap(() -> keyed.groupBy(ReferenceProfile.NEIGHBORHOOD_ID).count()
                .filter(col("count").gt(1)).limit(5).collectAsList(),
                "Cannot read reference file " + path);
        if (!duplicates.isEmpty()) {
            List<Object> ids = new ArrayList<>();
            duplicates.forEach(row -> ids.add(row.get(0)));
            throw new ReferenceDataException("Reference file " + path + ": Id(s) " + ids
                    + " appear on more than one row; each neighborhood Id must appear once");
        }
        return keyed.drop(ReferenceProfile.LOAD_ERROR);
    }

    private static void failOnFirstError(Dataset<Row> rows, String errorColumn, String context) {
        List<Row> errors = SparkFailures.unwrap(() -> rows.filter(col(errorColumn).isNotNull()).select(errorColumn)
                .limit(1).collectAsList(), context);
        if (!errors.isEmpty()) {
            throw new ReferenceDataException(errors.get(0).getString(0));
        }
    }

    // Header names hold ':' ';' '/' and spaces but never a backtick, so quoting is enough.
    private static Column column(String header) {
        return col("`" + header + "`");
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
        return left.join(right, left.col(ReferenceProfile.NEIGHBORHOOD_ID)
                        .equalTo(right.col(ReferenceProfile.NEIGHBORHOOD_ID)), "full_outer")
                .select(columns.toArray(Column[]::new));
    }
}
