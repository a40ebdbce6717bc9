package org.popsurvey.enricher.sink;

/**
 * How many bucket files {@code neighborhoods/} gets when an output is created without
 * {@code --buckets}: one per {@value #ROWS_PER_BUCKET} neighborhoods of the reference tables,
 * rounded up to a power of two, at least {@value #MINIMUM}. That is 4 up to 8,192 neighborhoods,
 * 64 at 100,000 and 512 at 1,000,000.
 *
 * <p>Why: a micro-batch rewrites every bucket it touches, so a batch of a few changed
 * neighborhoods costs a few buckets' rows. With a fixed 4, a batch of 10 rewrote all of a
 * 100,000-row table. Many small files cost a task and a file each, in the backfill too, which is
 * why small tables keep 4 (at Pittsburgh's 91 neighborhoods, 64 buckets measured slower) and why
 * not 1,024 rows: at 100,000 neighborhoods its 128 buckets made the backfill about 20% slower,
 * for a stream into a million neighborhoods hardly faster than with 2,048 (docs/benchmarks.md). The count is fixed when the
 * output is created; a table that grows far beyond its reference tables keeps it (a new output,
 * or {@code --buckets}, changes it).
 */
public final class BucketCount {

    static final int ROWS_PER_BUCKET = 2048;
    static final int MINIMUM = 4;

    private BucketCount() {}

    /** The bucket count for a table of {@code neighborhoods} rows. */
    public static int forNeighborhoods(int neighborhoods) {
        int needed = (int) Math.ceil(neighborhoods / (double) ROWS_PER_BUCKET);
        int powerOfTwo = needed <= 1 ? 1 : Integer.highestOneBit(needed - 1) << 1;
        return Math.max(MINIMUM, powerOfTwo);
    }
}
