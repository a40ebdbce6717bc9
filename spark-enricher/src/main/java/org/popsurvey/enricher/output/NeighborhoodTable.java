package org.popsurvey.enricher.output;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.reference.ReferenceMeasure;
import org.popsurvey.enricher.reference.ReferenceProfile;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.schemas.output.OutputTables;

/**
 * The {@code neighborhoods/} table: one row per neighborhood, the clean record joined with its
 * reference profile, in a fixed column order (documented in the README).
 */
public final class NeighborhoodTable {

    public static final String NEIGHBORHOOD_ID = DecodedRecord.NEIGHBORHOOD_ID;
    public static final String NEIGHBORHOOD = DecodedRecord.NEIGHBORHOOD;
    public static final String POPULATION = DecodedRecord.POPULATION;
    public static final String POPULATION_MOE = DecodedRecord.POPULATION_MOE;
    public static final String PER_CAPITA_INCOME = "per_capita_income";
    public static final String PER_CAPITA_INCOME_MOE = PER_CAPITA_INCOME + ReferenceMeasure.MOE_SUFFIX;
    public static final String HAS_REFERENCE_ROW = "has_reference_row";
    public static final String NEIGHBORHOOD_NAME_MISMATCH = "neighborhood_name_mismatch";
    public static final String ENRICHER_BATCH_ID = "enricher_batch_id";
    public static final String PROCESSED_AT = "processed_at";

    /** The record's columns first in the table, and its lineage columns last. */
    static final List<String> RECORD_COLUMNS =
            List.of(NEIGHBORHOOD_ID, NEIGHBORHOOD, POPULATION, POPULATION_MOE, DecodedRecord.POPULATION_MOE_STATUS);

    static final List<String> LINEAGE_COLUMNS = List.of(
            DecodedRecord.KAFKA_TOPIC,
            DecodedRecord.KAFKA_PARTITION,
            DecodedRecord.KAFKA_OFFSET,
            DecodedRecord.KAFKA_TIMESTAMP,
            DecodedRecord.SCHEMA_ID,
            DecodedRecord.SOURCE_FILE,
            DecodedRecord.SOURCE_LINE,
            DecodedRecord.PRODUCER_BATCH_NUMBER,
            DecodedRecord.PRODUCER_RUN_ID,
            DecodedRecord.READ_TIMESTAMP);

    public static final StructType SCHEMA = schema();
    /** {@code X_cv} and {@code X_reliability} of each of {@link OutputTables#NEIGHBORHOOD_RELIABILITY_METRICS}. */
    static final ReliabilityColumns RELIABILITY =
            ReliabilityColumns.of(SCHEMA, OutputTables.NEIGHBORHOOD_RELIABILITY_METRICS);

    private NeighborhoodTable() {}

    /**
     * The batch's latest record per Id ({@link DecodedRecord#SCHEMA}, Spark's internal rows) with
     * its reference profile, looked up in the broadcast tables inside each task (no join, no
     * shuffle): a record without reference rows is kept, flagged, with nulls. Per-capita income, the
     * one value that needs the streamed population, is computed here.
     */
    public static Dataset<Row> enrich(
            SparkSession spark,
            JavaRDD<InternalRow> latest,
            Broadcast<ReferenceProfiles> profiles,
            long batchId,
            Timestamp processedAt) {
        JavaRDD<InternalRow> rows = latest.mapPartitions(new EnrichedRows(profiles, batchId, processedAt));
        // Spark's own sources (Kafka, JDBC) create their DataFrames from internal rows this way; the
        // public createDataFrame takes external Rows, whose encoder is what EnrichedRows avoids.
        return spark.internalCreateDataFrame(rows.rdd(), SCHEMA, false);
    }

    private static StructType schema() {
        StructType profile = ReferenceProfile.SCHEMA;
        List<StructField> fields = new ArrayList<>();
        RECORD_COLUMNS.forEach(column -> fields.add(DecodedRecord.SCHEMA.apply(column)));
        for (ReferenceMeasure measure : ReferenceMeasure.ALL) {
            fields.add(profile.apply(measure.column()));
            fields.add(profile.apply(measure.moeColumn()));
        }
        fields.add(profile.apply(ReferenceProfile.AGGREGATE_HOUSEHOLD_INCOME_STATUS));
        fields.add(profile.apply(ReferenceProfile.AGGREGATE_HOUSEHOLD_INCOME_MOE_STATUS));
        withMoe(fields, profile, ReferenceProfile.MEAN_HOUSEHOLD_INCOME);
        fields.add(DataTypes.createStructField(PER_CAPITA_INCOME, DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField(PER_CAPITA_INCOME_MOE, DataTypes.DoubleType, true));
        withMoe(fields, profile, ReferenceProfile.SELF_EMPLOYMENT_RATE);
        withMoe(fields, profile, ReferenceProfile.UNINSURED);
        withMoe(fields, profile, ReferenceProfile.UNINSURED_RATE);
        fields.addAll(ReliabilityColumns.fields(OutputTables.NEIGHBORHOOD_RELIABILITY_METRICS));
        fields.add(DataTypes.createStructField(HAS_REFERENCE_ROW, DataTypes.BooleanType, false));
        fields.add(profile.apply(ReferenceProfile.MISSING_REFERENCE_TABLES));
        fields.add(profile.apply(ReferenceProfile.REFERENCE_NEIGHBORHOOD));
        fields.add(DataTypes.createStructField(NEIGHBORHOOD_NAME_MISMATCH, DataTypes.BooleanType, true));
        // Null when no file has a row for the Id, like every other reference column.
        fields.add(DataTypes.createStructField(
                ReferenceProfile.REFERENCE_ANNOTATIONS,
                profile.apply(ReferenceProfile.REFERENCE_ANNOTATIONS).dataType(),
                true));
        LINEAGE_COLUMNS.forEach(column -> fields.add(DecodedRecord.SCHEMA.apply(column)));
        fields.add(DataTypes.createStructField(ENRICHER_BATCH_ID, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(PROCESSED_AT, DataTypes.TimestampType, false));
        return DataTypes.createStructType(fields);
    }

    private static void withMoe(List<StructField> fields, StructType profile, String name) {
        fields.add(profile.apply(name));
        fields.add(profile.apply(name + ReferenceMeasure.MOE_SUFFIX));
    }
}
