package org.popsurvey.enricher.census;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.apache.spark.sql.catalyst.InternalRow;
import org.popsurvey.enricher.census.RankAssigner.RankedMetric;
import org.popsurvey.enricher.sink.OutputLayout;

/**
 * What the metric tables need of each bucket file of {@code neighborhoods/}: its city sums
 * ({@link Summation}) and its ranked values ({@link RankedValues}), kept apart so that a micro-batch
 * takes the buckets it rewrote from the rows it wrote and the others from the last committed batch:
 * the cost follows the change, not the table. Every part merges exactly (estimates, counts, squared
 * MOEs, the largest zero-estimate MOE, the excluded names; ranked values are rows), so the merged
 * buckets equal one pass over the whole table (up to the order of adding doubles).
 */
final class BucketState implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Summation emptySums;
    private final RankedValues emptyRanked;
    private final int idIndex;
    private final int buckets;
    private final TreeMap<Integer, Summation> sums = new TreeMap<>();
    private final TreeMap<Integer, RankedValues> ranked = new TreeMap<>();
    /**
     * Per ranked metric, the values of every bucket sorted (never changed once built); null until
     * asked for. Driver-side only: never computed in a task.
     */
    private transient RankedMetric[] merged;

    /**
     * @param emptySums registered sums at zero over rows whose Id is at {@code idIndex}
     * @param emptyRanked ranked values of no row, over the same rows
     * @param buckets the output's bucket count: Id n is in bucket {@link OutputLayout#bucket}(n)
     */
    BucketState(Summation emptySums, RankedValues emptyRanked, int idIndex, int buckets) {
        this.emptySums = emptySums;
        this.emptyRanked = emptyRanked;
        this.idIndex = idIndex;
        this.buckets = buckets;
    }

    /** The same registrations and bucket count, with no bucket held yet. */
    BucketState emptyCopy() {
        return new BucketState(emptySums, emptyRanked, idIndex, buckets);
    }

    /**
     * A copy whose sums can be changed without changing these; ranked values are shared (a bucket's
     * are never changed once it is complete, only replaced).
     */
    synchronized BucketState copy() {
        BucketState copy = emptyCopy();
        sums.forEach((bucket, bucketSums) ->
                copy.sums.put(bucket, bucketSums.emptyCopy().merge(bucketSums)));
        copy.ranked.putAll(ranked);
        copy.merged = merged == null ? null : merged.clone();
        return copy;
    }

    /** A row as the sink writes it (Spark's internal form, see {@link Summation}). */
    BucketState add(InternalRow row) {
        int bucket = OutputLayout.bucket(row.getInt(idIndex), buckets);
        sums.computeIfAbsent(bucket, b -> emptySums.emptyCopy()).add(row);
        ranked.computeIfAbsent(bucket, b -> emptyRanked.emptyCopy()).add(row);
        return this;
    }

    /** Adds {@code other}'s rows, bucket by bucket (partitions of one pass, or of one write). */
    BucketState merge(BucketState other) {
        other.sums.forEach((bucket, bucketSums) ->
                sums.computeIfAbsent(bucket, b -> emptySums.emptyCopy()).merge(bucketSums));
        other.ranked.forEach((bucket, values) ->
                ranked.computeIfAbsent(bucket, b -> emptyRanked.emptyCopy()).merge(values));
        return this;
    }

    /** This batch's state of the buckets it rewrote replaces those buckets' previous state. */
    BucketState replaceBuckets(BucketState rewritten) {
        rewritten.sums.forEach(
                (bucket, bucketSums) -> sums.put(bucket, bucketSums.emptyCopy().merge(bucketSums)));
        ranked.putAll(rewritten.ranked);
        if (merged != null) {
            // A lookup per neighborhood and metric: a flag per bucket, not a boxed map key.
            boolean[] isRewritten = new boolean[buckets];
            rewritten.ranked.keySet().forEach(bucket -> isRewritten[bucket] = true);
            IntPredicate rewrittenId = id -> isRewritten[OutputLayout.bucket(id, buckets)];
            for (int m = 0; m < merged.length; m++) {
                if (merged[m] != null) {
                    merged[m] = Rankings.replaced(merged[m], rewrittenId, rewritten.ranked.values(), m);
                }
            }
        }
        return this;
    }

    /**
     * Metric {@code m}'s known values over every bucket, in rank order. Synchronized: the metrics'
     * parts of the rankings are written side by side, the first batch after a start merges here, and
     * trailing rankings are written while the next batch copies this state.
     */
    synchronized RankedMetric merged(int m) {
        if (merged == null) {
            merged = new RankedMetric[Rankings.RANKED.size()];
        }
        if (merged[m] == null) {
            merged[m] = Rankings.merged(ranked.values(), m);
        }
        return merged[m];
    }

    boolean isEmpty() {
        return sums.isEmpty();
    }

    /** Every bucket's sums merged: the city's. */
    Summation total() {
        Summation total = emptySums.emptyCopy();
        for (Map.Entry<Integer, Summation> bucket : sums.entrySet()) {
            total.merge(bucket.getValue());
        }
        return total;
    }
}
