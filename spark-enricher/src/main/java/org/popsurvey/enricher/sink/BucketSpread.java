package org.popsurvey.enricher.sink;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * A repartitioning key that gives each touched bucket a Spark partition of its own, so the staged
 * bucket files are written by as many parallel tasks as there are buckets.
 *
 * <p>Repartitioning by the bucket number itself sends the default 4 buckets to partitions 3, 3, 2
 * and 3 of 4: one task wrote three buckets while a core idled. Instead each bucket maps to a small
 * int that Spark's hash partitioning (Murmur3, seed 42, pmod the partition count) sends to the
 * bucket's own partition. The task of partition i merges its rows into bucket
 * {@code touched.get(i)}'s file ({@link BucketRewrite}), so it relies on this mapping, and
 * {@link OneBucketPerPartition} checks it on every row: were Spark to change its hash, batches
 * would fail naming the stray Id, never put a row in another bucket's file. The
 * partition count is explicit, which also keeps adaptive execution from merging partitions.
 */
final class BucketSpread {

    /** Spark's {@code HashPartitioning} seed ({@code Murmur3Hash}'s default). */
    private static final int SPARK_HASH_SEED = 42;

    private BucketSpread() {}

    /**
     * The key for {@code repartition(touched.size(), key)}: for bucket column {@code bucket} (values
     * in {@code 0..buckets-1}), the int whose hash lands in partition {@code touched.indexOf(bucket)}.
     */
    static Column key(Column bucket, List<Integer> touched, int buckets) {
        Column[] keys = new Column[buckets];
        for (int b = 0; b < buckets; b++) {
            int slot = touched.indexOf(b);
            keys[b] = lit(slot < 0 ? 0 : keyFor(slot, touched.size()));
        }
        return element_at(array(keys), bucket.plus(1));
    }

    /** The smallest non-negative int that Spark's hash partitioning sends to {@code partition} of {@code partitions}. */
    static int keyFor(int partition, int partitions) {
        for (int key = 0; ; key++) {
            if (Math.floorMod(Murmur3_x86_32.hashInt(key, SPARK_HASH_SEED), partitions) == partition) {
                return key;
            }
        }
    }
}
