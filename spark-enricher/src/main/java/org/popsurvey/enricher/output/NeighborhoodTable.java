package org.popsurvey.enricher.output;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.moe.MoeFunctions;
import org.popsurvey.enricher.reference.ReferenceMeasure;
import org.popsurvey.enricher.reference.ReferenceProfile;
import org.popsurvey.schemas.SourceFile;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

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

    private NeighborhoodTable() {
    }

    /**
     * Joins the batch's latest record per Id with the reference profiles (left join: a record
     * without reference rows is kept, flagged, with nulls) and computes per-capita income, the one
     * value that needs the streamed population.
     *
     * @param reference the profiles ({@link ReferenceProfile#SCHEMA}), with the join strategy the
     *        caller chose for this batch's size (a broadcast or a hint)
     */
    public static Dataset<Row> enrich(Dataset<Row> latest, Dataset<Row> reference, long batchId) {
        Dataset<Row> joined = latest.join(reference,
                latest.col(NEIGHBORHOOD_ID).equalTo(reference.col(ReferenceProfile.NEIGHBORHOOD_ID)), "left");
        List<Column> columns = new ArrayList<>();
        columns.add(latest.col(NEIGHBORHOOD_ID));
        columns.add(col(NEIGHBORHOOD));
        columns.add(col(POPULATION));
        columns.add(col(POPULATION_MOE));
        columns.add(col(DecodedRecord.POPULATION_MOE_STATUS));
        for (ReferenceMeasure measure : ReferenceMeasure.ALL) {
            columns.add(col(measure.column()));
            columns.add(col(measure.moeColumn()));
        }
        columns.add(col(ReferenceProfile.AGGREGATE_HOUSEHOLD_INCOME_STATUS));
        columns.add(col(ReferenceProfile.AGGREGATE_HOUSEHOLD_INCOME_MOE_STATUS));
        withMoe(columns, ReferenceProfile.MEAN_HOUSEHOLD_INCOME);
        Column income = col(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME).cast("double");
        Column incomeMoe = col(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME + ReferenceMeasure.MOE_SUFFIX);
        Column population = col(POPULATION).cast("double");
        columns.add(MoeFunctions.RATIO.apply(income, population).as(PER_CAPITA_INCOME));
        columns.add(MoeFunctions.RATIO_MOE.apply(income, population, incomeMoe, col(POPULATION_MOE))
                .as(PER_CAPITA_INCOME_MOE));
        withMoe(columns, ReferenceProfile.SELF_EMPLOYMENT_RATE);
        withMoe(columns, ReferenceProfile.UNINSURED);
        withMoe(columns, ReferenceProfile.UNINSURED_RATE);

        Column missing = coalesce(col(ReferenceProfile.MISSING_REFERENCE_TABLES),
                array(SourceFile.REFERENCE_TABLES.stream().map(f -> lit(f.fileName())).toArray(Column[]::new)));
        columns.add(size(missing).equalTo(0).as(HAS_REFERENCE_ROW));
        columns.add(missing.as(ReferenceProfile.MISSING_REFERENCE_TABLES));
        columns.add(col(ReferenceProfile.REFERENCE_NEIGHBORHOOD));
        columns.add(when(col(ReferenceProfile.REFERENCE_NEIGHBORHOOD).isNull(), lit(null).cast("boolean"))
                .otherwise(col(ReferenceProfile.REFERENCE_NEIGHBORHOOD).notEqual(col(NEIGHBORHOOD)))
                .as(NEIGHBORHOOD_NAME_MISMATCH));
        columns.add(col(ReferenceProfile.REFERENCE_ANNOTATIONS));

        for (String lineage : List.of(DecodedRecord.KAFKA_TOPIC, DecodedRecord.KAFKA_PARTITION,
                DecodedRecord.KAFKA_OFFSET, DecodedRecord.KAFKA_TIMESTAMP, DecodedRecord.SCHEMA_ID,
                DecodedRecord.SOURCE_FILE, DecodedRecord.SOURCE_LINE, DecodedRecord.PRODUCER_BATCH_NUMBER,
                DecodedRecord.PRODUCER_RUN_ID, DecodedRecord.READ_TIMESTAMP)) {
            columns.add(col(lineage));
        }
        columns.add(BatchStamp.batchId(batchId).as(ENRICHER_BATCH_ID));
        columns.add(BatchStamp.now().as(PROCESSED_AT));
        return joined.select(columns.toArray(Column[]::new));
    }

    private static void withMoe(List<Column> columns, String name) {
        columns.add(col(name));
        columns.add(col(name + ReferenceMeasure.MOE_SUFFIX));
    }
}
