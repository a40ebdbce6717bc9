package org.popsurvey.enricher.census;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row of a metric table, set column by column by name ({@link MetricSchemas}' constants) and
 * checked against the table's schema: an unknown column, a value of the wrong type, a column left
 * unset or a null in a non-nullable column fails at once, instead of shifting every later value as
 * a positional argument would. A few dozen rows per batch: the lookups by name cost nothing here.
 */
final class MetricRow {

    private final StructType schema;
    private final Object[] values;
    private final boolean[] set;

    private MetricRow(StructType schema) {
        this.schema = schema;
        this.values = new Object[schema.size()];
        this.set = new boolean[schema.size()];
    }

    static MetricRow of(StructType schema) {
        return new MetricRow(schema);
    }

    /** Sets {@code column}, in its type's Java form (a {@code scala.collection.Seq} for an array). */
    MetricRow set(String column, Object value) {
        if (!schema.getFieldIndex(column).isDefined()) {
            throw new IllegalArgumentException("no column " + column + " in " + schema.simpleString());
        }
        int index = schema.fieldIndex(column);
        StructField field = schema.fields()[index];
        if (value == null ? !field.nullable() : !javaType(field.dataType()).isInstance(value)) {
            throw new IllegalArgumentException("column " + column + " ("
                    + field.dataType().simpleString() + (field.nullable() ? "" : " not null") + ") cannot hold "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        values[index] = value;
        set[index] = true;
        return this;
    }

    /** The row, in the schema's order; every column must have been set (to null where unknown). */
    Row build() {
        List<String> unset = new ArrayList<>();
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                unset.add(schema.fields()[i].name());
            }
        }
        if (!unset.isEmpty()) {
            throw new IllegalStateException("columns not set: " + unset);
        }
        return RowFactory.create(values.clone());
    }

    private static Class<?> javaType(DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return String.class;
        } else if (type.equals(DataTypes.IntegerType)) {
            return Integer.class;
        } else if (type.equals(DataTypes.LongType)) {
            return Long.class;
        } else if (type.equals(DataTypes.DoubleType)) {
            return Double.class;
        } else if (type.equals(DataTypes.TimestampType)) {
            return Timestamp.class;
        } else if (type instanceof ArrayType) {
            return scala.collection.Seq.class;
        }
        throw new IllegalArgumentException("no Java type for " + type.simpleString() + " in metric tables");
    }
}
