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

    /** Block size of the largest-SE index used to skip values that surely differ. */
    private static final int BLOCK = 64;

    private final double[] values;
    /** Standard errors; NaN where the MOE is unknown. */
    private final double[] ses;
    /** The largest known SE in each block of {@link #BLOCK} rows (0 when none is known). */
    private final double[] blockMaxSe;

    private final RankedMetric ranked;

    private RankAssigner(RankedMetric ranked) {
        this.ranked = ranked;
        int n = ranked.size();
        values = ranked.values();
        ses = new double[n];
        blockMaxSe = new double[(n + BLOCK - 1) / BLOCK];
        for (int i = 0; i < n; i++) {
            double moe = ranked.moes()[i];
            ses[i] = Double.isNaN(moe) ? Double.NaN : Reliability.standardError(moe);
            if (!Double.isNaN(ses[i])) {
                blockMaxSe[i / BLOCK] = Math.max(blockMaxSe[i / BLOCK], ses[i]);
            }
        }
    }

    /**
     * One metric's values, sorted by value, highest first (ties in any order). MOEs are NaN where
     * unknown: a published MOE is finite or null, never NaN.
     */
    record RankedMetric(String metric, int[] ids, UTF8String[] names, double[] values, double[] moes) {
        int size() {
            return values.length;
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
        for (int block = 0; block * BLOCK < i; block++) {
            int last = Math.min(i, (block + 1) * BLOCK) - 1;
            // Values descend: the block's last row is its closest to i; if even that one differs
            // with the block's largest SE, every row of the block differs.
            if (differs(values[i] - values[last], ses[i], blockMaxSe[block])) {
                continue;
            }
            for (int j = block * BLOCK; j <= last; j++) {
                if (!Double.isNaN(ses[j]) && !differs(values[i] - values[j], ses[i], ses[j])) {
                    return j;
                }
            }
        }
        return i;
    }

    /** The last row (lowest value) that {@code i} does not differ from; {@code i} itself at worst. */
    private int worstNotDiffering(int i) {
        for (int block = blockMaxSe.length - 1; block >= 0; block--) {
            int last = Math.min(values.length, (block + 1) * BLOCK) - 1;
            if (last <= i) {
                break;
            }
            int first = Math.max(i + 1, block * BLOCK);
            if (differs(values[first] - values[i], ses[i], blockMaxSe[block])) {
                continue;
            }
            for (int j = last; j >= first; j--) {
                if (!Double.isNaN(ses[j]) && !differs(values[j] - values[i], ses[i], ses[j])) {
                    return j;
                }
            }
        }
        return i;
    }

    /** The Bureau's test ({@link Reliability#differ}) on known SEs; two zero SEs differ when the values do. */
    private static boolean differs(double gap, double se1, double se2) {
        double spread = Math.sqrt(se1 * se1 + se2 * se2);
        return spread == 0 ? gap != 0 : Math.abs(gap) / spread > Reliability.Z90;
    }
}
