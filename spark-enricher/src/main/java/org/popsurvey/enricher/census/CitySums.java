package org.popsurvey.enricher.census;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;
import org.popsurvey.enricher.output.NeighborhoodTable;

/**
 * Every city-wide sum ({@link Summation}, with {@link Keys}' registrations), per bucket
 * ({@link BucketSums}), as a Spark accumulator fed by the sink's write tasks with the neighborhood
 * rows they write. Internal rows: they are what the write tasks hold, and a conversion per row would
 * cost more than the sums.
 */
public final class CitySums extends AccumulatorV2<InternalRow, BucketSums> {

    private static final long serialVersionUID = 1L;

    private BucketSums sums;

    /**
     * Empty sums over rows of {@code schema} (the neighborhoods table's columns, in any order, among
     * others) spread over {@code buckets}.
     */
    CitySums(StructType schema, int buckets) {
        this(byBucket(schema, buckets));
    }

    private CitySums(BucketSums sums) {
        this.sums = sums;
    }

    /** Empty per-bucket sums over rows of {@code schema}, which has the Id column. */
    static BucketSums byBucket(StructType schema, int buckets) {
        return new BucketSums(registered(schema), schema.fieldIndex(NeighborhoodTable.NEIGHBORHOOD_ID), buckets);
    }

    /** A Summation over {@code schema} with every sum of the metric tables registered, at zero. */
    static Summation registered(StructType schema) {
        Summation sums = new Summation(schema);
        new Keys(sums);
        return sums.zero();
    }

    @Override
    public boolean isZero() {
        return sums.isEmpty();
    }

    @Override
    public CitySums copy() {
        return new CitySums(sums.copy());
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
    public void merge(AccumulatorV2<InternalRow, BucketSums> other) {
        sums.merge(other.value());
    }

    @Override
    public BucketSums value() {
        return sums;
    }
}
