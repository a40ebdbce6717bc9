package org.popsurvey.enricher.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.moe.Moe;
import org.popsurvey.enricher.moe.MoeSum;
import org.popsurvey.enricher.reference.ReferenceMeasure.AgeBand;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.SourceFile;

import scala.collection.JavaConverters;

/**
 * Everything the output takes from the reference tables for one neighborhood Id, computed once
 * when the tables are loaded: the published estimates with their MOEs, their ACS annotations, and
 * the values derived from the reference tables alone (mean household income, self-employment rate,
 * uninsured total and rate) with their MOEs by the Bureau's formulas.
 *
 * <p>Input rows: {@code neighborhood_id} plus one struct per reference file (named by
 * {@link SourceFile#name()}, null when that file has no row for the Id) holding the file's parsed
 * cells ({@link ReferenceRowParser#SCHEMA}'s {@code cells}).
 */
public final class ReferenceProfile implements MapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    public static final String NEIGHBORHOOD_ID = "neighborhood_id";
    public static final String REFERENCE_NEIGHBORHOOD = "reference_neighborhood";
    public static final String MISSING_REFERENCE_TABLES = "missing_reference_tables";
    public static final String AGGREGATE_HOUSEHOLD_INCOME_STATUS = "aggregate_household_income_status";
    public static final String AGGREGATE_HOUSEHOLD_INCOME_MOE_STATUS = "aggregate_household_income_moe_status";
    public static final String MEAN_HOUSEHOLD_INCOME = "mean_household_income";
    public static final String SELF_EMPLOYMENT_RATE = "self_employment_rate";
    public static final String UNINSURED = "uninsured";
    public static final String UNINSURED_RATE = "uninsured_rate";
    public static final String REFERENCE_ANNOTATIONS = "reference_annotations";
    public static final String NEIGHBORHOOD_HEADER = "Neighborhood";
    public static final String ID_HEADER = "Id";

    public static final StructType SCHEMA = schema();

    private static final List<SourceFile> FILES = SourceFile.REFERENCE_TABLES;
    private static final String MEASURED = MarginOfErrorStatus.MEASURED.name();

    /** Per measure of {@link ReferenceMeasure#ALL}: its file's position in {@link #FILES}, and its index there. */
    private final int[] fileOf;
    private final int[] indexInFile;
    private final int income;
    private final int households;
    private final int selfEmployed;
    private final int universe;
    private final int[] uninsuredBands;

    public ReferenceProfile() {
        List<ReferenceMeasure> all = ReferenceMeasure.ALL;
        fileOf = new int[all.size()];
        indexInFile = new int[all.size()];
        for (int m = 0; m < all.size(); m++) {
            ReferenceMeasure measure = all.get(m);
            fileOf[m] = FILES.indexOf(measure.file());
            indexInFile[m] = ReferenceMeasure.from(measure.file()).indexOf(measure);
        }
        income = measure(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
        households = measure(ReferenceMeasure.HOUSEHOLDS);
        selfEmployed = measure(ReferenceMeasure.HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME);
        universe = measure(ReferenceMeasure.CIVILIAN_NONINSTITUTIONALIZED_POPULATION);
        uninsuredBands = new int[AgeBand.values().length];
        for (AgeBand band : AgeBand.values()) {
            uninsuredBands[band.ordinal()] = measure(band.uninsuredColumn());
        }
    }

    @Override
    public Row call(Row input) {
        List<ReferenceMeasure> all = ReferenceMeasure.ALL;
        List<Object> values = new ArrayList<>(SCHEMA.size());
        Map<String, String> annotations = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        Row[] tables = new Row[FILES.size()];
        for (int f = 0; f < FILES.size(); f++) {
            if (input.isNullAt(f + 1)) {
                missing.add(FILES.get(f).fileName());
            } else {
                tables[f] = input.getStruct(f + 1);
                names.add(tables[f].getString(0));
            }
        }
        values.add(input.getInt(0));
        values.add(names.isEmpty() ? null : String.join(" | ", names));
        values.add(JavaConverters.asScalaBuffer(missing).toSeq());

        // Per measure: estimate and MOE (null when unknown or the file has no row), and their statuses.
        Double[] estimates = new Double[all.size()];
        Double[] moes = new Double[all.size()];
        String[] estimateStatus = new String[all.size()];
        String[] moeStatus = new String[all.size()];
        for (int m = 0; m < all.size(); m++) {
            Row table = tables[fileOf[m]];
            if (table == null) {
                values.add(null);
                values.add(null);
                continue;
            }
            List<Double> cells = table.getList(1);
            List<String> statuses = table.isNullAt(2) ? null : table.getList(2);
            int cell = 2 * indexInFile[m];
            estimates[m] = cells.get(cell);
            moes[m] = cells.get(cell + 1);
            estimateStatus[m] = status(statuses, cell);
            moeStatus[m] = status(statuses, cell + 1);
            values.add(estimates[m] == null ? null : estimates[m].longValue());
            values.add(moes[m]);
            if (!MEASURED.equals(estimateStatus[m])) {
                annotations.put(all.get(m).column(), estimateStatus[m]);
            }
            if (!MEASURED.equals(moeStatus[m])) {
                annotations.put(all.get(m).moeColumn(), moeStatus[m]);
            }
        }
        values.add(estimateStatus[income]);
        values.add(moeStatus[income]);

        values.add(Moe.ratio(estimates[income], estimates[households]));
        values.add(Moe.ratioMoe(estimates[income], estimates[households], moes[income], moes[households]));

        values.add(Moe.ratio(estimates[selfEmployed], estimates[households]));
        values.add(Moe.proportionMoe(estimates[selfEmployed], estimates[households], moes[selfEmployed],
                moes[households]));

        Long[] bands = new Long[uninsuredBands.length];
        MoeSum uninsuredMoe = new MoeSum();
        for (int band = 0; band < uninsuredBands.length; band++) {
            Double estimate = estimates[uninsuredBands[band]];
            bands[band] = estimate == null ? null : estimate.longValue();
            uninsuredMoe.add(estimate, moes[uninsuredBands[band]]);
        }
        Long uninsured = Moe.sum(bands);
        Double uninsuredValue = uninsured == null ? null : uninsured.doubleValue();
        Double uninsuredMoeValue = uninsuredMoe.result();
        values.add(uninsured);
        values.add(uninsuredMoeValue);
        values.add(Moe.ratio(uninsuredValue, estimates[universe]));
        values.add(Moe.proportionMoe(uninsuredValue, estimates[universe], uninsuredMoeValue, moes[universe]));

        values.add(JavaConverters.mapAsScalaMap(annotations));
        return RowFactory.create(values.toArray());
    }

    /** The status of a present cell: MEASURED unless the file's row recorded an annotation for it. */
    private static String status(List<String> statuses, int cell) {
        String status = statuses == null ? null : statuses.get(cell);
        return status == null ? MEASURED : status;
    }

    private static int measure(String column) {
        return ReferenceMeasure.ALL.indexOf(ReferenceMeasure.byColumn(column));
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(NEIGHBORHOOD_ID, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(REFERENCE_NEIGHBORHOOD, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(MISSING_REFERENCE_TABLES,
                DataTypes.createArrayType(DataTypes.StringType, false), false));
        for (ReferenceMeasure measure : ReferenceMeasure.ALL) {
            fields.add(DataTypes.createStructField(measure.column(), DataTypes.LongType, true));
            fields.add(DataTypes.createStructField(measure.moeColumn(), DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField(AGGREGATE_HOUSEHOLD_INCOME_STATUS, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(AGGREGATE_HOUSEHOLD_INCOME_MOE_STATUS, DataTypes.StringType, true));
        addWithMoe(fields, MEAN_HOUSEHOLD_INCOME, DataTypes.DoubleType);
        addWithMoe(fields, SELF_EMPLOYMENT_RATE, DataTypes.DoubleType);
        addWithMoe(fields, UNINSURED, DataTypes.LongType);
        addWithMoe(fields, UNINSURED_RATE, DataTypes.DoubleType);
        fields.add(DataTypes.createStructField(REFERENCE_ANNOTATIONS,
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), false));
        return DataTypes.createStructType(fields);
    }

    private static void addWithMoe(List<StructField> fields, String name, org.apache.spark.sql.types.DataType type) {
        fields.add(DataTypes.createStructField(name, type, true));
        fields.add(DataTypes.createStructField(name + ReferenceMeasure.MOE_SUFFIX, DataTypes.DoubleType, true));
    }
}
