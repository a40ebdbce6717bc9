package org.popsurvey.enricher.census;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.popsurvey.schemas.output.OutputTables;
import org.popsurvey.schemas.output.Reliability;

/**
 * Ranks every metric's values from rows sorted by value, highest first, all metrics mixed: per
 * metric, rank = 1 + the number of its rows with a strictly higher value, so ties share a rank and
 * the next rank skips (SQL's {@code rank()}). Then, per metric, the Census Bureau's significance
 * test ({@link Reliability#differ}): whether each value differs from the next one, and the range
 * of ranks it could hold (the best and worst rank among the values it does not differ from, itself
 * included).
 *
 * <p>Why not a window partitioned by metric: its sort compares (metric, value) pairs, whose first
 * key ties for every pair within a metric, so Spark's sort prefix never decides and each of the
 * ~10 million comparisons for a 100,000-neighborhood city reads both rows. Sorted by the value
 * alone, the prefix decides almost every comparison.
 *
 * <p>Input: one partition of {@code metric, neighborhood_id, neighborhood, value, moe} (value not
 * null), sorted by value descending. Output: {@link #SCHEMA}, per metric in rank order. Both in
 * Spark's internal rows: the table has a row per metric and neighborhood (500,000 for 100,000
 * neighborhoods), each of which the external Row encoder would convert twice. The rank ranges need
 * a metric's whole column, so the partition is held in memory (a few dozen bytes per row).
 */
final class RankAssigner implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

    private static final long serialVersionUID = 1L;

    /** As the published table had it (value nullable although never null here): readers see one schema. */
    static final StructType SCHEMA = new StructType()
            .add("metric", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("neighborhood_id", DataTypes.IntegerType, true)
            .add("neighborhood", DataTypes.StringType, true)
            .add("value", DataTypes.DoubleType, true)
            .add("moe", DataTypes.DoubleType, true)
            .add(Reliability.CV, DataTypes.DoubleType, true)
            .add(Reliability.RELIABILITY, DataTypes.StringType, true)
            // Null for a metric's last value and where a margin is unknown.
            .add(OutputTables.DIFFERS_FROM_NEXT, DataTypes.BooleanType, true)
            // Null where the value's own margin is unknown.
            .add(OutputTables.RANK_RANGE_MIN, DataTypes.IntegerType, true)
            .add(OutputTables.RANK_RANGE_MAX, DataTypes.IntegerType, true);

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> sorted) {
        Map<UTF8String, Ranking> rankings = new LinkedHashMap<>();
        while (sorted.hasNext()) {
            InternalRow row = sorted.next();
            // Copies: the sorter hands out one reused row.
            UTF8String metric = row.getUTF8String(0).clone();
            rankings.computeIfAbsent(metric, m -> new Ranking())
                    .add(
                            row.isNullAt(1) ? null : row.getInt(1),
                            row.isNullAt(2) ? null : row.getUTF8String(2).clone(),
                            row.getDouble(3),
                            row.isNullAt(4) ? null : row.getDouble(4));
        }
        List<InternalRow> out = new ArrayList<>();
        rankings.forEach((metric, ranking) -> ranking.emit(metric, out));
        return out.iterator();
    }

    /** One metric's values in descending order. */
    private static final class Ranking {
        /** Block size of the largest-SE index used to skip values that surely differ. */
        private static final int BLOCK = 64;

        private final List<Integer> ids = new ArrayList<>();
        private final List<UTF8String> names = new ArrayList<>();
        private final List<Double> valueList = new ArrayList<>();
        private final List<Double> moeList = new ArrayList<>();
        private double[] values;
        /** Standard errors; NaN where the MOE is unknown. */
        private double[] ses;
        /** The largest known SE in each block of {@link #BLOCK} rows (0 when none is known). */
        private double[] blockMaxSe;

        void add(Integer id, UTF8String name, double value, Double moe) {
            ids.add(id);
            names.add(name);
            valueList.add(value);
            moeList.add(moe);
        }

        void emit(UTF8String metric, List<InternalRow> out) {
            int n = valueList.size();
            values = new double[n];
            ses = new double[n];
            blockMaxSe = new double[(n + BLOCK - 1) / BLOCK];
            for (int i = 0; i < n; i++) {
                values[i] = valueList.get(i);
                Double se = Reliability.standardError(moeList.get(i));
                ses[i] = se == null ? Double.NaN : se;
                if (se != null) {
                    blockMaxSe[i / BLOCK] = Math.max(blockMaxSe[i / BLOCK], se);
                }
            }
            int[] ranks = ranks();
            for (int i = 0; i < n; i++) {
                double value = values[i];
                Double moe = moeList.get(i);
                Double cv = Reliability.cv(value, moe);
                String reliability = Reliability.classify(cv);
                Boolean differsFromNext =
                        i + 1 < n ? Reliability.differ(value, moe, values[i + 1], moeList.get(i + 1)) : null;
                Integer best = null;
                Integer worst = null;
                if (!Double.isNaN(ses[i])) {
                    best = ranks[bestNotDiffering(i)];
                    worst = ranks[worstNotDiffering(i)];
                }
                out.add(new GenericInternalRow(new Object[] {
                    metric,
                    ranks[i],
                    ids.get(i),
                    names.get(i),
                    value,
                    moe,
                    cv,
                    reliability == null ? null : UTF8String.fromString(reliability),
                    differsFromNext,
                    best,
                    worst
                }));
            }
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
}
