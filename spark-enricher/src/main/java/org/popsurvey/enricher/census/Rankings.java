package org.popsurvey.enricher.census;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.unsafe.types.UTF8String;
import org.popsurvey.enricher.census.RankAssigner.RankedMetric;
import org.popsurvey.enricher.sink.DriverParquetWriter;
import org.popsurvey.schemas.output.OutputTables;

/**
 * {@code neighborhood_rankings}: for each ranked metric, every neighborhood where it is known,
 * rank 1 = highest value (ties share a rank), with its MOE, CV and reliability, whether it differs
 * significantly from the next value and the range of ranks it could hold ({@link RankAssigner}).
 *
 * <p>Built on the driver from each bucket's ranked values ({@link RankedValues}), kept between
 * batches: each bucket's values are sorted once, when the batch that wrote the bucket computes it,
 * and a batch merges the sorted buckets (linear in the table, with no sort, no read of the
 * untouched files and no Spark job). A million neighborhoods take about 200 MB of driver memory.
 */
final class Rankings {

    static final List<String> RANKED = OutputTables.RANKED_METRICS;

    private Rankings() {}

    static DriverParquetWriter.Table of(Collection<RankedValues> buckets, long batchId, Timestamp computedAt) {
        long computedAtMicros = ChronoUnit.MICROS.between(Instant.EPOCH, computedAt.toInstant());
        return new DriverParquetWriter.Table(MetricSchemas.NEIGHBORHOOD_RANKINGS, writer -> {
            for (int m = 0; m < RANKED.size(); m++) {
                RankAssigner.emit(merged(buckets, m), batchId, computedAtMicros, writer);
            }
        });
    }

    /** Metric {@code m}'s known values of every bucket, highest first: a k-way merge of the sorted buckets. */
    static RankedMetric merged(Collection<RankedValues> buckets, int m) {
        PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> Double.compare(b.value(), a.value()));
        int total = 0;
        for (RankedValues bucket : buckets) {
            int[] order = bucket.descending(m);
            total += order.length;
            if (order.length > 0) {
                heads.add(new Cursor(bucket, order, m));
            }
        }
        int[] ids = new int[total];
        UTF8String[] names = new UTF8String[total];
        double[] values = new double[total];
        double[] moes = new double[total];
        for (int i = 0; i < total; i++) {
            Cursor head = heads.poll();
            int row = head.row();
            ids[i] = head.bucket.id(row);
            names[i] = head.bucket.name(row);
            values[i] = head.bucket.value(m, row);
            moes[i] = head.bucket.moe(m, row);
            if (head.advance()) {
                heads.add(head);
            }
        }
        return new RankedMetric(RANKED.get(m), ids, names, values, moes);
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

        int row() {
            return order[next];
        }

        double value() {
            return bucket.value(metric, order[next]);
        }

        boolean advance() {
            return ++next < order.length;
        }
    }
}
