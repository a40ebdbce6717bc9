package org.popsurvey.enricher.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.popsurvey.enricher.moe.Moe;
import org.popsurvey.enricher.moe.MoeSum;
import org.popsurvey.enricher.reference.ReferenceMeasure.AgeBand;
import org.popsurvey.schemas.MarginOfErrorStatus;

/**
 * Everything the output takes from the reference tables for one neighborhood Id: the published
 * estimates with their MOEs, their ACS annotations, and the values derived from the reference
 * tables alone (mean household income, self-employment rate, uninsured total and rate) with their
 * MOEs by the Bureau's formulas. Computed from a {@link ReferenceProfiles} slot, in the task that
 * writes the row: a few formulas per row cost less than broadcasting their results.
 */
public final class ReferenceProfile {

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

    /** {@code neighborhood_id} and the reference columns {@link #fill} computes, in this order. */
    public static final StructType SCHEMA = schema();

    private static final String MEASURED = MarginOfErrorStatus.MEASURED.name();

    private final ReferenceProfiles profiles;
    private final int income = measure(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
    private final int households = measure(ReferenceMeasure.HOUSEHOLDS);
    private final int selfEmployed = measure(ReferenceMeasure.HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME);
    private final int universe = measure(ReferenceMeasure.CIVILIAN_NONINSTITUTIONALIZED_POPULATION);
    private final int[] uninsuredBands = Arrays.stream(AgeBand.values())
            .mapToInt(band -> measure(band.uninsuredColumn()))
            .toArray();

    public ReferenceProfile(ReferenceProfiles profiles) {
        this.profiles = profiles;
    }

    /**
     * Writes the columns of {@link #SCHEMA} after {@code neighborhood_id} for the Id at {@code slot}
     * into {@code values}, from {@code offset} on, in Spark's internal form ({@code UTF8String},
     * {@code ArrayData}, {@code MapData}): the output rows are built in that form, with no
     * conversion per value.
     */
    public void fill(int slot, Object[] values, int offset) {
        List<ReferenceMeasure> all = ReferenceMeasure.ALL;
        Map<String, String> annotations = new LinkedHashMap<>();
        int at = offset;
        values[at++] = text(profiles.name(slot));
        values[at++] = texts(profiles.missingFiles(slot));

        Double[] estimates = new Double[all.size()];
        Double[] moes = new Double[all.size()];
        for (int m = 0; m < all.size(); m++) {
            estimates[m] = profiles.cell(slot, 2 * m);
            moes[m] = profiles.cell(slot, 2 * m + 1);
            values[at++] = estimates[m] == null ? null : estimates[m].longValue();
            values[at++] = moes[m];
            if (profiles.hasFile(slot, m)) {
                annotate(annotations, all.get(m).column(), profiles.status(slot, 2 * m));
                annotate(annotations, all.get(m).moeColumn(), profiles.status(slot, 2 * m + 1));
            }
        }
        boolean hasIncome = profiles.hasFile(slot, income);
        values[at++] = hasIncome ? text(status(slot, 2 * income)) : null;
        values[at++] = hasIncome ? text(status(slot, 2 * income + 1)) : null;

        values[at++] = Moe.ratio(estimates[income], estimates[households]);
        values[at++] = Moe.ratioMoe(estimates[income], estimates[households], moes[income], moes[households]);

        values[at++] = Moe.ratio(estimates[selfEmployed], estimates[households]);
        values[at++] =
                Moe.proportionMoe(estimates[selfEmployed], estimates[households], moes[selfEmployed], moes[households]);

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
        values[at++] = uninsured;
        values[at++] = uninsuredMoeValue;
        values[at++] = Moe.ratio(uninsuredValue, estimates[universe]);
        values[at++] = Moe.proportionMoe(uninsuredValue, estimates[universe], uninsuredMoeValue, moes[universe]);

        values[at] = new ArrayBasedMapData(texts(annotations.keySet()), texts(annotations.values()));
    }

    /** Strings as a Spark internal array (an {@code array<string>} value). */
    public static ArrayData texts(Collection<String> strings) {
        return new GenericArrayData(strings.stream().map(ReferenceProfile::text).toArray());
    }

    private static UTF8String text(String value) {
        return value == null ? null : UTF8String.fromString(value);
    }

    private static void annotate(Map<String, String> annotations, String column, String status) {
        if (status != null) {
            annotations.put(column, status);
        }
    }

    /** The status of a cell of a present file: MEASURED unless the file recorded an annotation. */
    private String status(int slot, int cell) {
        String status = profiles.status(slot, cell);
        return status == null ? MEASURED : status;
    }

    private static int measure(String column) {
        return ReferenceMeasure.ALL.indexOf(ReferenceMeasure.byColumn(column));
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(NEIGHBORHOOD_ID, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(REFERENCE_NEIGHBORHOOD, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(
                MISSING_REFERENCE_TABLES, DataTypes.createArrayType(DataTypes.StringType, false), false));
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
        fields.add(DataTypes.createStructField(
                REFERENCE_ANNOTATIONS,
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false),
                false));
        return DataTypes.createStructType(fields);
    }

    private static void addWithMoe(List<StructField> fields, String name, org.apache.spark.sql.types.DataType type) {
        fields.add(DataTypes.createStructField(name, type, true));
        fields.add(DataTypes.createStructField(name + ReferenceMeasure.MOE_SUFFIX, DataTypes.DoubleType, true));
    }
}
