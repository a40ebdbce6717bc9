package org.popsurvey.enricher.metrics;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Ranks every metric's values in one pass over rows sorted by value, highest first, all metrics
 * mixed: per metric, rank = 1 + the number of its rows with a strictly higher value, so ties share
 * a rank and the next rank skips (SQL's {@code rank()}).
 *
 * <p>Why not a window partitioned by metric: its sort compares (metric, value) pairs, whose first
 * key ties for every pair within a metric, so Spark's sort prefix never decides and each of the
 * ~10 million comparisons for a 100,000-neighborhood city reads both rows. Sorted by the value
 * alone, the prefix decides almost every comparison.
 *
 * <p>Input: one partition of {@code metric, neighborhood_id, neighborhood, value, moe} (value not
 * null), sorted by value descending. Output: {@link #SCHEMA}. Both in Spark's internal rows: the
 * table has a row per metric and neighborhood (500,000 for 100,000 neighborhoods), each of which
 * the external Row encoder would convert twice.
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
            .add("moe", DataTypes.DoubleType, true);

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> sorted) {
        Map<UTF8String, Ranking> rankings = new HashMap<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return sorted.hasNext();
            }

            @Override
            public InternalRow next() {
                InternalRow row = sorted.next();
                // Copies: the sorter hands out one reused row.
                UTF8String metric = row.getUTF8String(0).clone();
                double value = row.getDouble(3);
                int rank = rankings.computeIfAbsent(metric, m -> new Ranking()).next(value);
                return new GenericInternalRow(new Object[] {metric, rank, row.isNullAt(1) ? null : row.getInt(1),
                    row.isNullAt(2) ? null : row.getUTF8String(2).clone(), value,
                    row.isNullAt(4) ? null : row.getDouble(4)});
            }
        };
    }

    /** One metric's position in the descending sequence of its values. */
    private static final class Ranking {
        private int seen;
        private int rank;
        private double last;

        int next(double value) {
            seen++;
            if (seen == 1 || value != last) {
                rank = seen;
                last = value;
            }
            return rank;
        }
    }
}
