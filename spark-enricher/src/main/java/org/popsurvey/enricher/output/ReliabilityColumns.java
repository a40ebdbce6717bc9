package org.popsurvey.enricher.output;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.schemas.output.Reliability;

/**
 * The {@code _cv} and {@code _reliability} columns ({@link Reliability}) of a table: which
 * estimate and margin each pair is computed from, and the values, filled into a row's value
 * array after every other column is known.
 */
public final class ReliabilityColumns implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String LONG_TABLE_MOE = "moe";
    private static final List<String> LONG_TABLE_ESTIMATES = List.of("estimate", "value");

    /** Positions in the extended schema: the estimate and its margin, and the two columns made from them. */
    private record Pair(int estimate, int moe, int cv, int reliability) implements Serializable {}

    private final List<Pair> pairs;
    private final StructType schema;

    private ReliabilityColumns(StructType schema, List<Pair> pairs) {
        this.schema = schema;
        this.pairs = pairs;
    }

    /** The two columns of each estimate, in order: {@code X_cv} double, {@code X_reliability} string. */
    public static List<StructField> fields(List<String> estimates) {
        List<StructField> fields = new ArrayList<>();
        for (String estimate : estimates) {
            fields.add(DataTypes.createStructField(Reliability.cvColumn(estimate), DataTypes.DoubleType, true));
            fields.add(
                    DataTypes.createStructField(Reliability.reliabilityColumn(estimate), DataTypes.StringType, true));
        }
        return fields;
    }

    /** The pairs of {@code estimates} in {@code schema}, which already has their columns ({@link #fields}). */
    public static ReliabilityColumns of(StructType schema, List<String> estimates) {
        List<Pair> pairs = new ArrayList<>();
        for (String estimate : estimates) {
            pairs.add(new Pair(
                    schema.fieldIndex(estimate),
                    schema.fieldIndex(estimate + Reliability.MOE_SUFFIX),
                    schema.fieldIndex(Reliability.cvColumn(estimate)),
                    schema.fieldIndex(Reliability.reliabilityColumn(estimate))));
        }
        return new ReliabilityColumns(schema, pairs);
    }

    /**
     * A metric table's layout with its reliability columns appended: {@code X_cv}, {@code X_reliability}
     * for every numeric {@code X} that has {@code X_moe}, and {@code cv}, {@code reliability} for a
     * long table's {@code estimate} (or {@code value}) with {@code moe}.
     */
    public static ReliabilityColumns appendedTo(StructType base) {
        List<String> estimates = new ArrayList<>();
        List<String> moes = new ArrayList<>();
        StructType schema = base;
        for (StructField field : base.fields()) {
            String name = field.name();
            if (!(field.dataType() instanceof NumericType)) {
                continue;
            }
            if (LONG_TABLE_ESTIMATES.contains(name)
                    && base.getFieldIndex(LONG_TABLE_MOE).isDefined()) {
                estimates.add(name);
                moes.add(LONG_TABLE_MOE);
                schema = schema.add(Reliability.CV, DataTypes.DoubleType, true)
                        .add(Reliability.RELIABILITY, DataTypes.StringType, true);
            } else if (base.getFieldIndex(name + Reliability.MOE_SUFFIX).isDefined()) {
                estimates.add(name);
                moes.add(name + Reliability.MOE_SUFFIX);
                List<StructField> added = fields(List.of(name));
                schema = schema.add(added.get(0)).add(added.get(1));
            }
        }
        List<Pair> pairs = new ArrayList<>();
        int next = base.size();
        for (int i = 0; i < estimates.size(); i++) {
            pairs.add(new Pair(base.fieldIndex(estimates.get(i)), base.fieldIndex(moes.get(i)), next, next + 1));
            next += 2;
        }
        return new ReliabilityColumns(schema, pairs);
    }

    public StructType schema() {
        return schema;
    }

    /**
     * Fills the pairs of a row's values (estimates as Long, Integer or Double), each class given as
     * {@code text.apply(class)}: the row builder passes its own string form.
     */
    public void fill(Object[] values, Function<String, Object> text) {
        for (Pair pair : pairs) {
            Double cv = Reliability.cv(number(values[pair.estimate()]), (Double) values[pair.moe()]);
            String reliability = Reliability.classify(cv);
            values[pair.cv()] = cv;
            values[pair.reliability()] = reliability == null ? null : text.apply(reliability);
        }
    }

    /** {@code row} (the base layout) with its reliability columns appended. */
    public Row append(Row row) {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        fill(values, text -> text);
        return RowFactory.create(values);
    }

    public List<Row> append(List<Row> rows) {
        return rows.stream().map(this::append).toList();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
