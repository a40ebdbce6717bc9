package org.popsurvey.enricher.census;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;

/**
 * Every city-wide sum ({@link Summation}, with {@link Keys}' registrations) as a Spark accumulator,
 * fed by the sink's write tasks with the neighborhood rows they write.
 */
public final class CitySums extends AccumulatorV2<InternalRow, Summation> {

    private static final long serialVersionUID = 1L;

    private Summation sums;

    /** Empty sums over rows of {@code schema} (the neighborhoods table's columns, in any order, among others). */
    CitySums(StructType schema) {
        this(registered(schema));
    }

    private CitySums(Summation sums) {
        this.sums = sums;
    }

    /** A Summation over {@code schema} with every sum of the metric tables registered, at zero. */
    static Summation registered(StructType schema) {
        Summation sums = new Summation(schema);
        new Keys(sums);
        return sums.zero();
    }

    @Override
    public boolean isZero() {
        return sums.rows() == 0;
    }

    @Override
    public CitySums copy() {
        return new CitySums(sums.emptyCopy().merge(sums));
    }

    @Override
    public void reset() {
        sums = sums.emptyCopy();
    }

    @Override
    public void add(InternalRow row) {
        sums.add(row);
    }

    @Override
    public void merge(AccumulatorV2<InternalRow, Summation> other) {
        sums.merge(other.value());
    }

    @Override
    public Summation value() {
        return sums;
    }
}
