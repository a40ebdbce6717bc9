package org.popsurvey.enricher.census;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;
import org.popsurvey.enricher.output.NeighborhoodTable;

/**
 * The city sums ({@link Summation}, with {@link Keys}' registrations) and ranked values
 * ({@link RankedValues}) per bucket ({@link BucketState}), as a Spark accumulator fed by the sink's
 * write tasks with the neighborhood rows they write. Internal rows: they are what the write tasks
 * hold, and a conversion per row would cost more than the sums.
 */
public final class BucketStateTap extends AccumulatorV2<InternalRow, BucketState> {

    private static final long serialVersionUID = 1L;

    private BucketState state;

    /**
     * Empty state over rows of {@code schema} (the neighborhoods table's columns, in any order, among
     * others) spread over {@code buckets}.
     */
    BucketStateTap(StructType schema, int buckets) {
        this(byBucket(schema, buckets));
    }

    private BucketStateTap(BucketState state) {
        this.state = state;
    }

    /** Empty per-bucket state over rows of {@code schema}, which has the Id column. */
    static BucketState byBucket(StructType schema, int buckets) {
        return new BucketState(
                registered(schema),
                new RankedValues(schema),
                schema.fieldIndex(NeighborhoodTable.NEIGHBORHOOD_ID),
                buckets);
    }

    /** A Summation over {@code schema} with every sum of the metric tables registered, at zero. */
    static Summation registered(StructType schema) {
        Summation sums = new Summation(schema);
        new Keys(sums);
        return sums.zero();
    }

    @Override
    public boolean isZero() {
        return state.isEmpty();
    }

    @Override
    public BucketStateTap copy() {
        return new BucketStateTap(state.emptyCopy().merge(state));
    }

    @Override
    public void reset() {
        state = state.emptyCopy();
    }

    @Override
    public void add(InternalRow row) {
        state.add(row);
    }

    @Override
    public void merge(AccumulatorV2<InternalRow, BucketState> other) {
        state.merge(other.value());
    }

    @Override
    public BucketState value() {
        return state;
    }
}
