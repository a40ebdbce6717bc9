package org.popsurvey.enricher.output;

import static org.popsurvey.enricher.output.OutputColumn.computed;
import static org.popsurvey.enricher.output.OutputColumn.record;
import static org.popsurvey.enricher.output.OutputColumn.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.moe.Moe;
import org.popsurvey.enricher.output.ColumnInputs.Input;
import org.popsurvey.enricher.reference.ReferenceMeasure;
import org.popsurvey.enricher.reference.ReferenceProfile;
import org.popsurvey.schemas.output.OutputTables;

/**
 * The {@code neighborhoods/} table, declared once: {@link #COLUMNS}, in output order (documented in
 * the README), each with its type, nullability and where its value comes from. The Parquet schema
 * ({@link #SCHEMA}), the rows ({@link EnrichedRows}) and the city sums ({@link #summed()}) are
 * derived from it.
 *
 * <p>To add a column: one entry in {@link #columns()}, its computation below when it is computed
 * (reading the record's and the profile's values through {@link Input}s), and its test.
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
    public static final String ENRICHER_BATCH_ID = OutputTables.ENRICHER_BATCH_ID;
    public static final String PROCESSED_AT = "processed_at";

    /** Units of the summed estimates in {@code city_totals}. */
    static final String PEOPLE = "people";

    static final String HOUSEHOLDS = "households";
    static final String DOLLARS = "dollars";

    // What the computed columns read, resolved once.
    private static final Input RECORD_NAME = Input.record(DecodedRecord.NEIGHBORHOOD);
    private static final Input RECORD_POPULATION = Input.record(DecodedRecord.POPULATION);
    private static final Input RECORD_POPULATION_MOE = Input.record(DecodedRecord.POPULATION_MOE);
    private static final Input INCOME = Input.reference(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
    private static final Input INCOME_MOE =
            Input.reference(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME + ReferenceMeasure.MOE_SUFFIX);
    private static final Input MISSING_TABLES = Input.reference(ReferenceProfile.MISSING_REFERENCE_TABLES);
    private static final Input REFERENCE_NAME = Input.reference(ReferenceProfile.REFERENCE_NEIGHBORHOOD);

    /** Every column, in output order. */
    public static final List<OutputColumn> COLUMNS = columns();

    public static final StructType SCHEMA =
            DataTypes.createStructType(COLUMNS.stream().map(OutputColumn::field).toArray(StructField[]::new));

    private static final Map<String, OutputColumn> BY_NAME = byName(COLUMNS);

    /** {@code X_cv} and {@code X_reliability} of each estimate that has them, from the declared columns. */
    static final ReliabilityColumns RELIABILITY = ReliabilityColumns.of(
            SCHEMA,
            COLUMNS.stream()
                    .filter(column -> column.source() == OutputColumn.Source.RELIABILITY)
                    .map(OutputColumn::from)
                    .distinct()
                    .toList());

    private NeighborhoodTable() {}

    private static List<OutputColumn> columns() {
        DataType longType = DataTypes.LongType;
        DataType doubleType = DataTypes.DoubleType;
        DataType text = DataTypes.StringType;
        List<OutputColumn> columns = new ArrayList<>();
        columns.add(record(DecodedRecord.NEIGHBORHOOD_ID, DataTypes.IntegerType, true));
        columns.add(record(DecodedRecord.NEIGHBORHOOD, text, true));
        columns.add(record(DecodedRecord.POPULATION, longType, true).summed(PEOPLE));
        columns.add(record(DecodedRecord.POPULATION_MOE, doubleType, true));
        columns.add(record(DecodedRecord.POPULATION_MOE_STATUS, text, true));
        for (ReferenceMeasure measure : ReferenceMeasure.ALL) {
            columns.add(reference(measure.column(), longType, true).summed(unit(measure)));
            columns.add(reference(measure.moeColumn(), doubleType, true));
        }
        columns.add(reference(ReferenceProfile.AGGREGATE_HOUSEHOLD_INCOME_STATUS, text, true));
        columns.add(reference(ReferenceProfile.AGGREGATE_HOUSEHOLD_INCOME_MOE_STATUS, text, true));
        columns.add(reference(ReferenceProfile.MEAN_HOUSEHOLD_INCOME, doubleType, true));
        columns.add(reference(moe(ReferenceProfile.MEAN_HOUSEHOLD_INCOME), doubleType, true));
        columns.add(computed(PER_CAPITA_INCOME, doubleType, true, NeighborhoodTable::perCapitaIncome));
        columns.add(computed(PER_CAPITA_INCOME_MOE, doubleType, true, NeighborhoodTable::perCapitaIncomeMoe));
        columns.add(reference(ReferenceProfile.SELF_EMPLOYMENT_RATE, doubleType, true));
        columns.add(reference(moe(ReferenceProfile.SELF_EMPLOYMENT_RATE), doubleType, true));
        columns.add(reference(ReferenceProfile.UNINSURED, longType, true).summed(PEOPLE));
        columns.add(reference(moe(ReferenceProfile.UNINSURED), doubleType, true));
        columns.add(reference(ReferenceProfile.UNINSURED_RATE, doubleType, true));
        columns.add(reference(moe(ReferenceProfile.UNINSURED_RATE), doubleType, true));
        for (String estimate : OutputTables.NEIGHBORHOOD_RELIABILITY_METRICS) {
            columns.add(OutputColumn.cv(estimate));
            columns.add(OutputColumn.reliability(estimate));
        }
        columns.add(computed(HAS_REFERENCE_ROW, DataTypes.BooleanType, false, NeighborhoodTable::hasReferenceRow));
        columns.add(
                reference(ReferenceProfile.MISSING_REFERENCE_TABLES, DataTypes.createArrayType(text, false), false));
        columns.add(reference(ReferenceProfile.REFERENCE_NEIGHBORHOOD, text, true));
        columns.add(computed(NEIGHBORHOOD_NAME_MISMATCH, DataTypes.BooleanType, true, NeighborhoodTable::nameMismatch));
        // Null when no file has a row for the Id, like every other reference column.
        columns.add(
                reference(ReferenceProfile.REFERENCE_ANNOTATIONS, DataTypes.createMapType(text, text, false), true));
        columns.add(record(DecodedRecord.KAFKA_TOPIC, text, false));
        columns.add(record(DecodedRecord.KAFKA_PARTITION, DataTypes.IntegerType, false));
        columns.add(record(DecodedRecord.KAFKA_OFFSET, longType, false));
        columns.add(record(DecodedRecord.KAFKA_TIMESTAMP, DataTypes.TimestampType, true));
        columns.add(record(DecodedRecord.SCHEMA_ID, DataTypes.IntegerType, true));
        columns.add(record(DecodedRecord.SOURCE_FILE, text, true));
        columns.add(record(DecodedRecord.SOURCE_LINE, longType, true));
        columns.add(record(DecodedRecord.PRODUCER_BATCH_NUMBER, DataTypes.IntegerType, true));
        columns.add(record(DecodedRecord.PRODUCER_RUN_ID, text, true));
        columns.add(record(DecodedRecord.READ_TIMESTAMP, DataTypes.TimestampType, true));
        columns.add(computed(ENRICHER_BATCH_ID, longType, false, ColumnInputs::batchId));
        columns.add(computed(PROCESSED_AT, DataTypes.TimestampType, false, ColumnInputs::processedAt));
        return List.copyOf(columns);
    }

    /** Aggregate household income / the streamed population (a ratio): the one value that needs both sides. */
    private static Object perCapitaIncome(ColumnInputs in) {
        return Moe.ratio(in.number(INCOME), in.number(RECORD_POPULATION));
    }

    private static Object perCapitaIncomeMoe(ColumnInputs in) {
        return Moe.ratioMoe(
                in.number(INCOME),
                in.number(RECORD_POPULATION),
                in.number(INCOME_MOE),
                in.number(RECORD_POPULATION_MOE));
    }

    /** Every reference file has a row for the Id (an Id none has lists them all as missing). */
    private static Object hasReferenceRow(ColumnInputs in) {
        return in.size(MISSING_TABLES) == 0;
    }

    /** The record's name differs from the reference files'; null when either is unknown. */
    private static Object nameMismatch(ColumnInputs in) {
        Boolean same = in.sameText(REFERENCE_NAME, RECORD_NAME);
        return same == null ? null : !same;
    }

    /** The declared column {@code name}. */
    public static OutputColumn column(String name) {
        OutputColumn column = BY_NAME.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no column " + name + " in " + OutputTables.NEIGHBORHOODS + "/");
        }
        return column;
    }

    /** The estimates summed city-wide (each with its {@code _moe} column), in column order. */
    public static List<OutputColumn> summed() {
        return COLUMNS.stream().filter(OutputColumn::isSummed).toList();
    }

    public static String moe(String estimate) {
        return estimate + ReferenceMeasure.MOE_SUFFIX;
    }

    private static String unit(ReferenceMeasure measure) {
        if (measure.column().equals(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME)) {
            return DOLLARS;
        }
        return measure.column().startsWith(HOUSEHOLDS) ? HOUSEHOLDS : PEOPLE;
    }

    private static Map<String, OutputColumn> byName(List<OutputColumn> columns) {
        Map<String, OutputColumn> byName = new LinkedHashMap<>();
        for (OutputColumn column : columns) {
            if (byName.put(column.name(), column) != null) {
                throw new IllegalStateException("column " + column.name() + " declared twice");
            }
        }
        return byName;
    }
}
