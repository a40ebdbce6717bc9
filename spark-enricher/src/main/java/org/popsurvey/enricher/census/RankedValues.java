package org.popsurvey.enricher.census;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.popsurvey.enricher.output.NeighborhoodTable;

/**
 * The ranked metrics' values ({@link Rankings#RANKED}) of some neighborhoods, with their Ids, names
 * and MOEs: what {@code neighborhood_rankings} needs of a bucket, kept between batches so that a
 * batch reads back none of the buckets it left alone. About 180 bytes per neighborhood, mostly in primitive
 * arrays.
 *
 * <p>Unknown values and MOEs are NaN here: a published number is finite or null, never NaN
 * ({@code Moe.finiteOrNull}, the reference parser and the validator refuse the rest).
 */
final class RankedValues implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int idIndex;
    private final int nameIndex;
    /** Per ranked metric: the positions of its value and MOE, and the value's type. */
    private final int[] valueIndex;

    private final int[] moeIndex;
    private final DataType[] valueType;

    private int size;
    private int[] ids = new int[8];
    private UTF8String[] names = new UTF8String[8];
    /** [metric][row]. */
    private double[][] values;

    private double[][] moes;
    /** Per metric, the rows with a known value in rank order ({@link Rankings#compare}); computed once, on first use. */
    private transient int[][] descending;

    /** Empty, reading rows of {@code schema} (which has the Id, the name and every ranked metric with its MOE). */
    RankedValues(StructType schema) {
        int metrics = Rankings.RANKED.size();
        idIndex = schema.fieldIndex(NeighborhoodTable.NEIGHBORHOOD_ID);
        nameIndex = schema.fieldIndex(NeighborhoodTable.NEIGHBORHOOD);
        valueIndex = new int[metrics];
        moeIndex = new int[metrics];
        valueType = new DataType[metrics];
        for (int m = 0; m < metrics; m++) {
            String metric = Rankings.RANKED.get(m);
            valueIndex[m] = schema.fieldIndex(metric);
            moeIndex[m] = schema.fieldIndex(NeighborhoodTable.moe(metric));
            valueType[m] = schema.fields()[valueIndex[m]].dataType();
        }
        values = new double[metrics][8];
        moes = new double[metrics][8];
    }

    private RankedValues(RankedValues layout) {
        idIndex = layout.idIndex;
        nameIndex = layout.nameIndex;
        valueIndex = layout.valueIndex;
        moeIndex = layout.moeIndex;
        valueType = layout.valueType;
        values = new double[valueIndex.length][8];
        moes = new double[valueIndex.length][8];
    }

    /** The same layout, holding nothing. */
    RankedValues emptyCopy() {
        return new RankedValues(this);
    }

    /** A row as the sink writes it (Spark's internal form; copied, as the row may be reused). */
    RankedValues add(InternalRow row) {
        grow(size + 1);
        ids[size] = row.getInt(idIndex);
        names[size] =
                row.isNullAt(nameIndex) ? null : row.getUTF8String(nameIndex).clone();
        for (int m = 0; m < valueIndex.length; m++) {
            values[m][size] = number(row, valueIndex[m], valueType[m]);
            moes[m][size] = number(row, moeIndex[m], DataTypes.DoubleType);
        }
        size++;
        descending = null;
        return this;
    }

    /** Adds {@code other}'s rows (other neighborhoods of the same bucket). */
    RankedValues merge(RankedValues other) {
        grow(size + other.size);
        System.arraycopy(other.ids, 0, ids, size, other.size);
        System.arraycopy(other.names, 0, names, size, other.size);
        for (int m = 0; m < valueIndex.length; m++) {
            System.arraycopy(other.values[m], 0, values[m], size, other.size);
            System.arraycopy(other.moes[m], 0, moes[m], size, other.size);
        }
        size += other.size;
        descending = null;
        return this;
    }

    int size() {
        return size;
    }

    /** Rows with a known value of metric {@code m}, in rank order ({@link Rankings#compare}). */
    int[] descending(int m) {
        if (descending == null) {
            descending = new int[valueIndex.length][];
        }
        if (descending[m] == null) {
            double[] metric = values[m];
            descending[m] = java.util.stream.IntStream.range(0, size)
                    .filter(row -> !Double.isNaN(metric[row]))
                    .boxed()
                    .sorted((a, b) -> Rankings.compare(metric[a], ids[a], metric[b], ids[b]))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        return descending[m];
    }

    int id(int row) {
        return ids[row];
    }

    UTF8String name(int row) {
        return names[row];
    }

    double value(int m, int row) {
        return values[m][row];
    }

    double moe(int m, int row) {
        return moes[m][row];
    }

    private void grow(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = Math.max(needed, ids.length * 2);
        ids = Arrays.copyOf(ids, capacity);
        names = Arrays.copyOf(names, capacity);
        for (int m = 0; m < valueIndex.length; m++) {
            values[m] = Arrays.copyOf(values[m], capacity);
            moes[m] = Arrays.copyOf(moes[m], capacity);
        }
    }

    private static double number(InternalRow row, int index, DataType type) {
        if (row.isNullAt(index)) {
            return Double.NaN;
        }
        if (type.equals(DataTypes.LongType)) {
            return row.getLong(index);
        }
        if (type.equals(DataTypes.IntegerType)) {
            return row.getInt(index);
        }
        return row.getDouble(index);
    }
}
