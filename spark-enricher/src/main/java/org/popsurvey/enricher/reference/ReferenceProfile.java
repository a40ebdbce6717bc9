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
import org.popsurvey.enricher.reference.AcsCell.InvalidCellException;
import org.popsurvey.enricher.reference.ReferenceMeasure.AgeBand;
import org.popsurvey.schemas.SourceFile;

import scala.collection.JavaConverters;

/**
 * Everything the output takes from the reference tables for one neighborhood Id, computed once
 * when the tables are loaded: the published estimates with their MOEs, their ACS annotations, and
 * the values derived from the reference tables alone (mean household income, self-employment rate,
 * uninsured total and rate) with their MOEs by the Bureau's formulas.
 *
 * <p>Input rows: {@code neighborhood_id} plus one array per reference file (named by
 * {@link SourceFile#name()}, null when that file has no row for the Id) holding the file's cells
 * as text in header order.
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
    /** Set (and everything else null) when a cell cannot be used; checked on the driver. */
    public static final String LOAD_ERROR = "_load_error";

    public static final StructType SCHEMA = schema();

    /** Where each file was read from, for error messages. */
    private final Map<SourceFile, String> locations;

    public ReferenceProfile(Map<SourceFile, String> locations) {
        this.locations = new LinkedHashMap<>(locations);
    }

    @Override
    public Row call(Row input) {
        int id = input.getInt(input.fieldIndex(NEIGHBORHOOD_ID));
        try {
            return profile(id, input);
        } catch (ReferenceDataException e) {
            Object[] values = new Object[SCHEMA.size()];
            values[0] = id;
            values[2] = JavaConverters.asScalaBuffer(List.<String>of()).toSeq();
            values[SCHEMA.size() - 2] = JavaConverters.mapAsScalaMap(Map.<String, String>of());
            values[SCHEMA.size() - 1] = e.getMessage();
            return RowFactory.create(values);
        }
    }

    private Row profile(int id, Row input) {
        List<Object> values = new ArrayList<>(SCHEMA.size());
        Map<String, String> annotations = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        Map<SourceFile, List<String>> tables = new LinkedHashMap<>();
        for (SourceFile file : SourceFile.REFERENCE_TABLES) {
            int index = input.fieldIndex(file.name());
            if (input.isNullAt(index)) {
                missing.add(file.fileName());
            } else {
                List<String> cells = input.getList(index);
                tables.put(file, cells);
                names.add(cells.get(file.header().indexOf(NEIGHBORHOOD_HEADER)));
            }
        }
        values.add(id);
        values.add(names.isEmpty() ? null : String.join(" | ", names));
        values.add(JavaConverters.asScalaBuffer(missing).toSeq());

        Map<String, AcsCell> estimates = new LinkedHashMap<>();
        Map<String, AcsCell> moes = new LinkedHashMap<>();
        for (ReferenceMeasure measure : ReferenceMeasure.ALL) {
            List<String> table = tables.get(measure.file());
            AcsCell estimate = table == null ? null : cell(id, measure.file(), table, measure.estimateHeader(), true);
            AcsCell moe = table == null ? null : cell(id, measure.file(), table, measure.moeHeader(), false);
            estimates.put(measure.column(), estimate);
            moes.put(measure.column(), moe);
            values.add(estimate == null ? null : estimate.longValue());
            values.add(moe == null ? null : moe.value());
            if (estimate != null && !estimate.isMeasured()) {
                annotations.put(measure.column(), estimate.status().name());
            }
            if (moe != null && !moe.isMeasured()) {
                annotations.put(measure.moeColumn(), moe.status().name());
            }
        }
        AcsCell income = estimates.get(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
        AcsCell incomeMoe = moes.get(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
        values.add(income == null ? null : income.status().name());
        values.add(incomeMoe == null ? null : incomeMoe.status().name());

        Double incomeValue = value(estimates, ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
        Double incomeMoeValue = value(moes, ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
        Double households = value(estimates, ReferenceMeasure.HOUSEHOLDS);
        Double householdsMoe = value(moes, ReferenceMeasure.HOUSEHOLDS);
        values.add(Moe.ratio(incomeValue, households));
        values.add(Moe.ratioMoe(incomeValue, households, incomeMoeValue, householdsMoe));

        Double selfEmployed = value(estimates, ReferenceMeasure.HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME);
        Double selfEmployedMoe = value(moes, ReferenceMeasure.HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME);
        values.add(Moe.ratio(selfEmployed, households));
        values.add(Moe.proportionMoe(selfEmployed, households, selfEmployedMoe, householdsMoe));

        Long[] uninsuredBands = new Long[AgeBand.values().length];
        MoeSum uninsuredMoe = new MoeSum();
        for (AgeBand band : AgeBand.values()) {
            AcsCell estimate = estimates.get(band.uninsuredColumn());
            uninsuredBands[band.ordinal()] = estimate == null ? null : estimate.longValue();
            uninsuredMoe.add(value(estimates, band.uninsuredColumn()), value(moes, band.uninsuredColumn()));
        }
        Long uninsured = Moe.sum(uninsuredBands);
        Double uninsuredValue = uninsured == null ? null : uninsured.doubleValue();
        Double uninsuredMoeValue = uninsuredMoe.result();
        values.add(uninsured);
        values.add(uninsuredMoeValue);
        Double universe = value(estimates, ReferenceMeasure.CIVILIAN_NONINSTITUTIONALIZED_POPULATION);
        Double universeMoe = value(moes, ReferenceMeasure.CIVILIAN_NONINSTITUTIONALIZED_POPULATION);
        values.add(Moe.ratio(uninsuredValue, universe));
        values.add(Moe.proportionMoe(uninsuredValue, universe, uninsuredMoeValue, universeMoe));

        values.add(JavaConverters.mapAsScalaMap(annotations));
        values.add(null);
        return RowFactory.create(values.toArray());
    }

    private AcsCell cell(int id, SourceFile file, List<String> cells, String header, boolean estimate) {
        String text = cells.get(file.header().indexOf(header));
        try {
            return estimate ? AcsCell.estimate(text) : AcsCell.marginOfError(text);
        } catch (InvalidCellException e) {
            throw new ReferenceDataException("Reference file " + locations.get(file) + ", row with Id " + id
                    + ", column '" + header + "': " + e.getMessage());
        }
    }

    private static Double value(Map<String, AcsCell> cells, String column) {
        AcsCell cell = cells.get(column);
        return cell == null ? null : cell.value();
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
        fields.add(DataTypes.createStructField(LOAD_ERROR, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    private static void addWithMoe(List<StructField> fields, String name, org.apache.spark.sql.types.DataType type) {
        fields.add(DataTypes.createStructField(name, type, true));
        fields.add(DataTypes.createStructField(name + ReferenceMeasure.MOE_SUFFIX, DataTypes.DoubleType, true));
    }
}
