package org.popsurvey.enricher.census;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.popsurvey.enricher.census.RankAssigner.RankedMetric;
import org.popsurvey.enricher.sink.DriverParquetWriter;
import org.popsurvey.schemas.output.OutputTables;

/**
 * {@code neighborhood_rankings}: for each ranked metric, every neighborhood where it is known,
 * rank 1 = highest value (ties share a rank), with its MOE, CV and reliability, whether it differs
 * significantly from the next value and the range of ranks it could hold ({@link RankAssigner}).
 *
 * <p>Built on the driver from each bucket's ranked values ({@link RankedValues}), kept between
 * batches with each metric's sorted values over the whole table ({@link BucketState#merged}): a
 * batch sorts the buckets it rewrote and merges them into the previous order, one linear pass with
 * no sort of the table, no read of the untouched files and no Spark job. A million neighborhoods
 * take about 300 MB of driver memory, with the buckets' values.
 */
final class Rankings {

    static final List<String> RANKED = OutputTables.RANKED_METRICS;

    private Rankings() {}

    static DriverParquetWriter.Table of(BucketState state, long batchId, Timestamp computedAt) {
        long computedAtMicros = ChronoUnit.MICROS.between(Instant.EPOCH, computedAt.toInstant());
        // One part per metric: the parts are written side by side, into one file.
        List<DriverParquetWriter.RowSource> parts = IntStream.range(0, RANKED.size())
                .<DriverParquetWriter.RowSource>mapToObj(
                        m -> writer -> RankAssigner.emit(state.merged(m), batchId, computedAtMicros, writer))
                .toList();
        return new DriverParquetWriter.Table(MetricSchemas.NEIGHBORHOOD_RANKINGS, parts);
    }

    /**
     * Rank order: the higher value first, ties by Id. A total order (an Id is ranked once per
     * metric), so the table's rows, and which tied row is last (its {@code differs_from_next} is
     * null), do not depend on how the values were merged.
     */
    static int compare(double value1, int id1, double value2, int id2) {
        int byValue = Double.compare(value2, value1);
        return byValue != 0 ? byValue : Integer.compare(id1, id2);
    }

    /** Metric {@code m}'s known values of every bucket, in rank order: a k-way merge of the sorted buckets. */
    static RankedMetric merged(Collection<RankedValues> buckets, int m) {
        PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> compare(a.value(), a.id(), b.value(), b.id()));
        int total = 0;
        for (RankedValues bucket : buckets) {
            int[] order = bucket.descending(m);
            total += order.length;
            if (order.length > 0) {
                heads.add(new Cursor(bucket, order, m));
            }
        }
        RankedMetric merged = RankedMetric.ofSize(RANKED.get(m), total);
        for (int i = 0; i < total; i++) {
            Cursor head = heads.poll();
            head.copyTo(merged, i);
            if (head.advance()) {
                heads.add(head);
            }
        }
        return merged;
    }

    /**
     * {@code previous} (a whole table's values of metric {@code m}, sorted) with the rows of the
     * rewritten buckets replaced by {@code rewritten}'s: the untouched rows keep their order, so
     * this is one linear pass plus a merge of the few rewritten buckets, not a merge of all.
     */
    static RankedMetric replaced(
            RankedMetric previous, IntPredicate rewrittenId, Collection<RankedValues> rewritten, int m) {
        RankedMetric fresh = merged(rewritten, m);
        int kept = 0;
        for (int id : previous.ids()) {
            if (!rewrittenId.test(id)) {
                kept++;
            }
        }
        RankedMetric result = RankedMetric.ofSize(previous.metric(), kept + fresh.size());
        int old = 0;
        int next = 0;
        for (int i = 0; i < result.size(); i++) {
            while (old < previous.size() && rewrittenId.test(previous.ids()[old])) {
                old++;
            }
            boolean takeOld = old < previous.size()
                    && (next >= fresh.size()
                            || compare(
                                            previous.values()[old],
                                            previous.ids()[old],
                                            fresh.values()[next],
                                            fresh.ids()[next])
                                    < 0);
            if (takeOld) {
                previous.copyTo(old++, result, i);
            } else {
                fresh.copyTo(next++, result, i);
            }
        }
        return result;
    }

    /** A position in one bucket's sorted values. */
    private static final class Cursor {
        private final RankedValues bucket;
        private final int[] order;
        private final int metric;
        private int next;

        Cursor(RankedValues bucket, int[] order, int metric) {
            this.bucket = bucket;
            this.order = order;
            this.metric = metric;
        }

        void copyTo(RankedMetric merged, int at) {
            int row = order[next];
            merged.set(at, bucket.id(row), bucket.name(row), bucket.value(metric, row), bucket.moe(metric, row));
        }

        double value() {
            return bucket.value(metric, order[next]);
        }

        int id() {
            return bucket.id(order[next]);
        }

        boolean advance() {
            return ++next < order.length;
        }
    }
}
