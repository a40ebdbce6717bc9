package org.popsurvey.enricher.metrics;

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
            rankings.computeIfAbsent(metric, m -> new Ranking()).add(row.isNullAt(1) ? null : row.getInt(1),
                    row.isNullAt(2) ? null : row.getUTF8String(2).clone(), row.getDouble(3),
                    row.isNullAt(4) ? null : row.getDouble(4));
        }
        List<InternalRow> out = new ArrayList<>();
        rankings.forEach((metric, ranking) -> ranking.emit(metric, out));
        return out.iterator();
    }

    /** One metric's values in descending order. */
    private static final class Ranking {
        private final List<Integer> ids = new ArrayList<>();
        private final List<UTF8String> names = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();
        private final List<Double> moes = new ArrayList<>();

        void add(Integer id, UTF8String name, double value, Double moe) {
            ids.add(id);
            names.add(name);
            values.add(value);
            moes.add(moe);
        }

        void emit(UTF8String metric, List<InternalRow> out) {
            int n = values.size();
            int[] ranks = ranks();
            double largestSe = 0;
            for (Double moe : moes) {
                Double se = Reliability.standardError(moe);
                largestSe = se == null ? largestSe : Math.max(largestSe, se);
            }
            for (int i = 0; i < n; i++) {
                double value = values.get(i);
                Double moe = moes.get(i);
                Double cv = Reliability.cv(value, moe);
                String reliability = Reliability.classify(cv);
                Boolean differsFromNext = i + 1 < n ? Reliability.differ(value, moe, values.get(i + 1), moes.get(i + 1))
                        : null;
                Integer best = null;
                Integer worst = null;
                Double se = Reliability.standardError(moe);
                if (se != null) {
                    int[] range = rankRange(i, se, largestSe, ranks);
                    best = range[0];
                    worst = range[1];
                }
                out.add(new GenericInternalRow(new Object[] {metric, ranks[i], ids.get(i), names.get(i), value, moe, cv,
                    reliability == null ? null : UTF8String.fromString(reliability), differsFromNext, best, worst}));
            }
        }

        private int[] ranks() {
            int[] ranks = new int[values.size()];
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = i > 0 && values.get(i).equals(values.get(i - 1)) ? ranks[i - 1] : i + 1;
            }
            return ranks;
        }

        /**
         * The best and worst rank among the values {@code i} does not differ from. Only values within
         * {@code 1.645 * sqrt(SE_i^2 + largest SE^2)} of it can fail the test, so the scan starts at the
         * edges of that window (found by binary search) and stops at the first value that does not differ.
         */
        private int[] rankRange(int i, double se, double largestSe, int[] ranks) {
            double reach = Reliability.Z90 * Math.sqrt(se * se + largestSe * largestSe);
            double value = values.get(i);
            int first = firstAtMost(value + reach);
            int last = firstBelow(value - reach) - 1;
            int best = i;
            for (int j = first; j < i; j++) {
                if (Boolean.FALSE.equals(Reliability.differ(value, moes.get(i), values.get(j), moes.get(j)))) {
                    best = j;
                    break;
                }
            }
            int worst = i;
            for (int j = last; j > i; j--) {
                if (Boolean.FALSE.equals(Reliability.differ(value, moes.get(i), values.get(j), moes.get(j)))) {
                    worst = j;
                    break;
                }
            }
            return new int[] {ranks[best], ranks[worst]};
        }

        /** The first index whose value is at most {@code bound} (values descend). */
        private int firstAtMost(double bound) {
            int low = 0;
            int high = values.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (values.get(mid) > bound) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        /** The first index whose value is below {@code bound}. */
        private int firstBelow(double bound) {
            int low = 0;
            int high = values.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (values.get(mid) >= bound) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
