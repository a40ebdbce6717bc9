package org.popsurvey.enricher.output;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One column of {@code neighborhoods/} as {@link NeighborhoodTable#COLUMNS} declares it: its name,
 * Spark type and nullability, and where its value comes from. The schema, the row building
 * ({@link EnrichedRows}) and the city sums ({@code census}) are all read from these declarations.
 *
 * @param from the record's or the profile's column (same name), or the estimate of a reliability column
 * @param computation the value of a {@link Source#COMPUTED} column; null otherwise
 * @param unit for an estimate summed city-wide (counts and dollars): its unit in {@code city_totals};
 *     null when the column is not summed
 */
public record OutputColumn(
        String name,
        DataType type,
        boolean nullable,
        Source source,
        String from,
        Computation computation,
        String unit) {

    /** Where a column's value comes from. */
    public enum Source {
        /** The decoded clean record's column of the same name. */
        RECORD,
        /** The reference profile's column of the same name (a published measure or a value derived from them). */
        REFERENCE,
        /** {@link OutputColumn#computation()}, from the record's and the profile's values. */
        COMPUTED,
        /** {@code _cv} or {@code _reliability} of an estimate of the table, filled after every other column. */
        RELIABILITY
    }

    /** A column's value computed from the record's and the profile's values of the same row. */
    @FunctionalInterface
    public interface Computation {
        /**
         * The value in the column type's Java form: Long, Integer, Double, Boolean, String or
         * {@link java.sql.Timestamp}; null when unknown.
         */
        Object compute(ColumnInputs in);
    }

    static OutputColumn record(String name, DataType type, boolean nullable) {
        return new OutputColumn(name, type, nullable, Source.RECORD, name, null, null);
    }

    static OutputColumn reference(String name, DataType type, boolean nullable) {
        return new OutputColumn(name, type, nullable, Source.REFERENCE, name, null, null);
    }

    static OutputColumn computed(String name, DataType type, boolean nullable, Computation computation) {
        return new OutputColumn(name, type, nullable, Source.COMPUTED, null, computation, null);
    }

    static OutputColumn cv(String estimate) {
        return new OutputColumn(
                org.popsurvey.schemas.output.Reliability.cvColumn(estimate),
                DataTypes.DoubleType,
                true,
                Source.RELIABILITY,
                estimate,
                null,
                null);
    }

    static OutputColumn reliability(String estimate) {
        return new OutputColumn(
                org.popsurvey.schemas.output.Reliability.reliabilityColumn(estimate),
                DataTypes.StringType,
                true,
                Source.RELIABILITY,
                estimate,
                null,
                null);
    }

    /** This estimate, summed city-wide with its {@code _moe} column, in {@code unit}. */
    OutputColumn summed(String unit) {
        return new OutputColumn(name, type, nullable, source, from, computation, unit);
    }

    public boolean isSummed() {
        return unit != null;
    }

    public StructField field() {
        return DataTypes.createStructField(name, type, nullable);
    }
}
