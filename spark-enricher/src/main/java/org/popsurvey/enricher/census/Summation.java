package org.popsurvey.enricher.census;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.moe.MoeSum;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.reference.ReferenceMeasure;

/**
 * Every city-wide sum the metric tables need, accumulated in one pass over the neighborhoods
 * table (Spark's {@code aggregate}: per partition, then merged). Each sum keeps its estimate, the
 * number of neighborhoods included and a {@link MoeSum}, so sums and single rows share one MOE rule.
 * It reads Spark's internal rows (see {@link CityMetrics}): no boxed object per value, on every
 * micro-batch, for ~100 columns of every neighborhood. Which columns are summed, and their MOE
 * columns, is {@link NeighborhoodTable#summed()}'s declaration.
 *
 * <p>A neighborhood whose estimate is unknown (or, for a masked sum, whose partner value is
 * unknown) is left out and counted as excluded; one whose estimate is known but whose MOE is not
 * makes the sum's MOE unknown.
 */
final class Summation implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A city-wide sum: null estimate when no neighborhood was included. */
    record Summed(Double estimate, Double moe, long included) {}

    /** One registered sum: column positions resolved against the table's schema. */
    private record Spec(int estimate, int moe, int[] mask) implements Serializable {}

    private final List<Spec> specs = new ArrayList<>();
    /** Per column: read as a long (estimates) rather than a double (MOEs). */
    private final boolean[] longColumn;

    private final int neighborhoodIndex;
    private final int incomeIndex;
    private double[] sums;
    private long[] included;
    private MoeSum[] moes;
    private long rows;
    private final TreeSet<String> excludedFromIncome = new TreeSet<>();
    private final StructType schema;

    Summation(StructType schema) {
        this.schema = schema;
        this.longColumn = new boolean[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            longColumn[i] = schema.fields()[i].dataType().equals(DataTypes.LongType);
        }
        this.neighborhoodIndex = schema.fieldIndex(NeighborhoodTable.NEIGHBORHOOD);
        this.incomeIndex = schema.fieldIndex(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
    }

    /**
     * Registers {@code sum(column)} over the rows where every {@code maskColumns} value is known;
     * {@code column} is an estimate {@link NeighborhoodTable#COLUMNS} declares summed.
     */
    int add(String column, String... maskColumns) {
        if (!NeighborhoodTable.column(column).isSummed()) {
            throw new IllegalArgumentException(column + " is not declared summed in NeighborhoodTable");
        }
        int[] mask = new int[maskColumns.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = schema.fieldIndex(maskColumns[i]);
        }
        specs.add(new Spec(schema.fieldIndex(column), schema.fieldIndex(NeighborhoodTable.moe(column)), mask));
        return specs.size() - 1;
    }

    /** A new Summation over the same schema with the same registered sums, at zero. */
    Summation emptyCopy() {
        Summation copy = new Summation(schema);
        copy.specs.addAll(specs);
        return copy.zero();
    }

    /** Starts every registered sum at zero (Spark's zero value); call once the sums are registered. */
    Summation zero() {
        sums = new double[specs.size()];
        included = new long[specs.size()];
        moes = new MoeSum[specs.size()];
        for (int i = 0; i < moes.length; i++) {
            moes[i] = new MoeSum();
        }
        return this;
    }

    Summation add(InternalRow row) {
        rows++;
        if (row.isNullAt(incomeIndex)) {
            excludedFromIncome.add(row.getUTF8String(neighborhoodIndex).toString());
        }
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            Double estimate = number(row, spec.estimate());
            if (estimate == null || !allKnown(row, spec.mask())) {
                continue;
            }
            sums[i] += estimate;
            included[i]++;
            moes[i].add(estimate, number(row, spec.moe()));
        }
        return this;
    }

    Summation merge(Summation other) {
        rows += other.rows;
        excludedFromIncome.addAll(other.excludedFromIncome);
        for (int i = 0; i < specs.size(); i++) {
            sums[i] += other.sums[i];
            included[i] += other.included[i];
            moes[i].merge(other.moes[i]);
        }
        return this;
    }

    Summed read(int key) {
        if (included[key] == 0) {
            return new Summed(null, null, 0);
        }
        return new Summed(sums[key], moes[key].result(), included[key]);
    }

    long rows() {
        return rows;
    }

    List<String> excludedFromIncome() {
        return new ArrayList<>(excludedFromIncome);
    }

    private static boolean allKnown(InternalRow row, int[] mask) {
        for (int index : mask) {
            if (row.isNullAt(index)) {
                return false;
            }
        }
        return true;
    }

    private Double number(InternalRow row, int index) {
        if (row.isNullAt(index)) {
            return null;
        }
        return longColumn[index] ? (double) row.getLong(index) : row.getDouble(index);
    }
}
