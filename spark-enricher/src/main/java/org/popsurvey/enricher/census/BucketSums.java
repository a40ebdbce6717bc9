package org.popsurvey.enricher.census;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.popsurvey.enricher.sink.OutputLayout;

/**
 * The city sums ({@link Summation}) of each bucket file of {@code neighborhoods/}, kept apart so
 * that a micro-batch re-sums only the buckets it rewrote and takes the others' from the last
 * committed batch: the cost follows the change, not the table. Every part of a sum (estimates,
 * counts, squared MOEs, the largest zero-estimate MOE, the excluded names) merges exactly, so the
 * merged buckets equal one pass over the whole table (up to the order of adding doubles).
 */
final class BucketSums implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Summation empty;
    private final int idIndex;
    private final int buckets;
    private final TreeMap<Integer, Summation> byBucket = new TreeMap<>();

    /**
     * @param empty registered sums at zero over rows whose Id is at {@code idIndex}
     * @param buckets the output's bucket count: Id n is in bucket {@link OutputLayout#bucket}(n)
     */
    BucketSums(Summation empty, int idIndex, int buckets) {
        this.empty = empty;
        this.idIndex = idIndex;
        this.buckets = buckets;
    }

    /** The same registrations and bucket count, with no bucket summed yet. */
    BucketSums emptyCopy() {
        return new BucketSums(empty, idIndex, buckets);
    }

    BucketSums copy() {
        BucketSums copy = emptyCopy();
        byBucket.forEach(
                (bucket, sums) -> copy.byBucket.put(bucket, sums.emptyCopy().merge(sums)));
        return copy;
    }

    /** A row as the sink writes it (Spark's internal form, see {@link Summation}). */
    BucketSums add(InternalRow row) {
        int bucket = OutputLayout.bucket(row.getInt(idIndex), buckets);
        byBucket.computeIfAbsent(bucket, b -> empty.emptyCopy()).add(row);
        return this;
    }

    BucketSums merge(BucketSums other) {
        other.byBucket.forEach((bucket, sums) ->
                byBucket.computeIfAbsent(bucket, b -> empty.emptyCopy()).merge(sums));
        return this;
    }

    /** This batch's sums of the buckets it rewrote replace those buckets' previous sums. */
    BucketSums replaceBuckets(BucketSums rewritten) {
        rewritten.byBucket.forEach(
                (bucket, sums) -> byBucket.put(bucket, sums.emptyCopy().merge(sums)));
        return this;
    }

    boolean isEmpty() {
        return byBucket.isEmpty();
    }

    /** Every bucket's sums merged: the city's. */
    Summation total() {
        Summation total = empty.emptyCopy();
        for (Map.Entry<Integer, Summation> bucket : byBucket.entrySet()) {
            total.merge(bucket.getValue());
        }
        return total;
    }
}
