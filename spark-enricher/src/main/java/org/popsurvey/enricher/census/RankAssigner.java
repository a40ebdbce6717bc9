package org.popsurvey.enricher.census;

import java.util.function.Consumer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.popsurvey.schemas.output.Reliability;

/**
 * Ranks one metric's values, sorted highest first: rank = 1 + the number of values strictly
 * higher, so ties share a rank and the next rank skips (SQL's {@code rank()}). Then the Census
 * Bureau's significance test ({@link Reliability#differ}): whether each value differs from the next
 * one, and the range of ranks it could hold (the best and worst rank among the values it does not
 * differ from, itself included). Rows are pushed out one by one in Spark's internal form, laid out
 * as {@link MetricSchemas#NEIGHBORHOOD_RANKINGS}: the table has a row per metric and neighborhood
 * (five million for a million neighborhoods), so it is never held whole.
 */
final class RankAssigner {

    private final double[] values;
    /** Standard errors; NaN where the MOE is unknown. */
    private final double[] ses;
    /**
     * The largest known SE of each range of rows, as a complete binary tree over {@link #leaves}
     * leaves (node k's children are 2k and 2k + 1; row r is leaf {@code leaves + r}); -1 where no SE
     * is known. It lets the rank range search skip a whole range whose nearest value differs even
     * with the range's largest SE: typically O(log n) ranges per row instead of a scan.
     */
    private final double[] maxSe;

    private final int leaves;

    private final RankedMetric ranked;

    private RankAssigner(RankedMetric ranked) {
        this.ranked = ranked;
        int n = ranked.size();
        values = ranked.values();
        ses = new double[n];
        leaves = n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
        maxSe = new double[2 * leaves];
        java.util.Arrays.fill(maxSe, -1);
        for (int i = 0; i < n; i++) {
            double moe = ranked.moes()[i];
            ses[i] = Double.isNaN(moe) ? Double.NaN : Reliability.standardError(moe);
            if (!Double.isNaN(ses[i])) {
                maxSe[leaves + i] = ses[i];
            }
        }
        for (int node = leaves - 1; node >= 1; node--) {
            maxSe[node] = Math.max(maxSe[2 * node], maxSe[2 * node + 1]);
        }
    }

    /**
     * One metric's values in rank order ({@link Rankings#compare}: highest first, ties by Id). MOEs are NaN where
     * unknown: a published MOE is finite or null, never NaN.
     */
    record RankedMetric(String metric, int[] ids, UTF8String[] names, double[] values, double[] moes) {
        static RankedMetric ofSize(String metric, int size) {
            return new RankedMetric(metric, new int[size], new UTF8String[size], new double[size], new double[size]);
        }

        int size() {
            return values.length;
        }

        void set(int at, int id, UTF8String name, double value, double moe) {
            ids[at] = id;
            names[at] = name;
            values[at] = value;
            moes[at] = moe;
        }

        void copyTo(int from, RankedMetric target, int at) {
            target.set(at, ids[from], names[from], values[from], moes[from]);
        }
    }

    /** Pushes {@code ranked}'s rows, in rank order, stamped with the batch that computed them. */
    static void emit(RankedMetric ranked, long batchId, long computedAtMicros, Consumer<InternalRow> out) {
        new RankAssigner(ranked).emit(batchId, computedAtMicros, out);
    }

    private void emit(long batchId, long computedAtMicros, Consumer<InternalRow> out) {
        UTF8String metric = UTF8String.fromString(ranked.metric());
        int n = values.length;
        int[] ranks = ranks();
        for (int i = 0; i < n; i++) {
            double value = values[i];
            Double moe = moe(i);
            Double cv = Reliability.cv(value, moe);
            String reliability = Reliability.classify(cv);
            Boolean differsFromNext = i + 1 < n ? Reliability.differ(value, moe, values[i + 1], moe(i + 1)) : null;
            Integer best = null;
            Integer worst = null;
            if (!Double.isNaN(ses[i])) {
                best = ranks[bestNotDiffering(i)];
                worst = ranks[worstNotDiffering(i)];
            }
            out.accept(new GenericInternalRow(new Object[] {
                metric,
                ranks[i],
                ranked.ids()[i],
                ranked.names()[i],
                value,
                moe,
                cv,
                reliability == null ? null : UTF8String.fromString(reliability),
                differsFromNext,
                best,
                worst,
                batchId,
                computedAtMicros
            }));
        }
    }

    private Double moe(int i) {
        double moe = ranked.moes()[i];
        return Double.isNaN(moe) ? null : moe;
    }

    private int[] ranks() {
        int[] ranks = new int[values.length];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = i > 0 && values[i] == values[i - 1] ? ranks[i - 1] : i + 1;
        }
        return ranks;
    }

    /** The first row (highest value) that {@code i} does not differ from; {@code i} itself at worst. */
    private int bestNotDiffering(int i) {
        int found = firstNotDiffering(1, 0, leaves - 1, i);
        return found < 0 ? i : found;
    }

    /** The last row (lowest value) that {@code i} does not differ from; {@code i} itself at worst. */
    private int worstNotDiffering(int i) {
        int found = lastNotDiffering(1, 0, leaves - 1, i);
        return found < 0 ? i : found;
    }

    /** The first row of {@code [lo, hi]} above {@code i} that {@code i} does not differ from, or -1. */
    private int firstNotDiffering(int node, int lo, int hi, int i) {
        if (lo >= i || maxSe[node] < 0) {
            return -1;
        }
        // Values descend: the range's last row above i is its nearest to i; if even that one differs
        // with the range's largest SE, every row of the range differs. At a leaf this is the exact test.
        if (differs(values[Math.min(hi, i - 1)] - values[i], ses[i], maxSe[node])) {
            return -1;
        }
        if (lo == hi) {
            return lo;
        }
        int mid = (lo + hi) >>> 1;
        int left = firstNotDiffering(2 * node, lo, mid, i);
        return left >= 0 ? left : firstNotDiffering(2 * node + 1, mid + 1, hi, i);
    }

    /** The last row of {@code [lo, hi]} below {@code i} that {@code i} does not differ from, or -1. */
    private int lastNotDiffering(int node, int lo, int hi, int i) {
        int nearest = Math.max(lo, i + 1);
        if (hi <= i || nearest >= values.length || maxSe[node] < 0) {
            return -1;
        }
        if (differs(values[i] - values[nearest], ses[i], maxSe[node])) {
            return -1;
        }
        if (lo == hi) {
            return lo;
        }
        int mid = (lo + hi) >>> 1;
        int right = lastNotDiffering(2 * node + 1, mid + 1, hi, i);
        return right >= 0 ? right : lastNotDiffering(2 * node, lo, mid, i);
    }

    /** The Bureau's test ({@link Reliability#differ}) on known SEs; two zero SEs differ when the values do. */
    private static boolean differs(double gap, double se1, double se2) {
        double spread = Math.sqrt(se1 * se1 + se2 * se2);
        return spread == 0 ? gap != 0 : Math.abs(gap) / spread > Reliability.Z90;
    }
}
