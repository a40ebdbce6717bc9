package org.popsurvey.enricher.sink;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Fails a write task whose rows are not all of the one bucket its partition stands for
 * ({@link BucketSpread}: partition i holds bucket {@code touched.get(i)}). The task of partition
 * i writes bucket {@code touched.get(i)}'s new file ({@link BucketRewrite}), so this check is what
 * makes "the rows of partition i belong in that file" a fact rather than an assumption about
 * Spark's hashing: one int comparison per row.
 */
final class OneBucketPerPartition implements Function2<Integer, Iterator<InternalRow>, Iterator<InternalRow>> {

    private static final long serialVersionUID = 1L;

    private final int idIndex;
    private final int buckets;
    private final int[] touched;

    OneBucketPerPartition(int idIndex, int buckets, List<Integer> touched) {
        this.idIndex = idIndex;
        this.buckets = buckets;
        this.touched = touched.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Iterator<InternalRow> call(Integer partition, Iterator<InternalRow> rows) {
        int expected = touched[partition];
        return new PeekingIterator<>(rows, row -> {
            int id = row.getInt(idIndex);
            int bucket = OutputLayout.bucket(id, buckets);
            if (bucket != expected) {
                throw new IllegalStateException("Id " + id + " (bucket " + bucket
                        + ") reached the write task of bucket " + expected + " (partition " + partition + ")");
            }
        });
    }
}
