package org.popsurvey.enricher.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.AccumulatorV2;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.enricher.latest.LatestWins;

/**
 * The write task of one touched bucket: its partition holds the batch's incoming records of that
 * bucket ({@link BucketSpread}). It computes their rows ({@link IncomingRows#toRows}, each checked
 * by {@link OneBucketPerPartition}) and writes them to the bucket's staged file, then the bucket's
 * published rows of every other Id ({@link LatestWins#replaceStored}), read from the published file
 * by the task itself, and feeds every written row to the metrics' tap.
 *
 * <p>Why the task reads its bucket itself: a Spark SQL merge (read the touched buckets, drop the
 * replaced Ids, union the incoming rows, repartition by bucket) shuffled every stored row to reach
 * the task of its own bucket, though it was in that bucket's file already. Only the incoming records
 * move now. The rewrite runs as the job's result stage, where Spark applies each partition's
 * accumulator update exactly once, whatever the task retries; each attempt writes its own file,
 * and the driver publishes those of the attempts that succeeded.
 */
final class BucketRewrite implements Function2<Integer, Iterator<InternalRow>, Iterator<BucketRewrite.Staged>> {

    private static final long serialVersionUID = 1L;

    /** A bucket's new file, staged by a successful task attempt, and its row count. */
    record Staged(int bucket, String file, long rows) implements java.io.Serializable {}

    /** A touched bucket's published file, if it has one. */
    record Published(String file, long length) implements java.io.Serializable {}

    private final SparkParquet parquet;
    private final FlatMapFunction<Iterator<InternalRow>, InternalRow> toRows;
    private final int idIndex;
    private final OneBucketPerPartition oneBucket;
    private final int[] touched;
    private final Published[] published;
    private final String stagingDir;
    private final AccumulatorV2<InternalRow, ?> tap;

    /**
     * @param toRows turns the task's incoming records into rows of the table
     * @param published for each touched bucket, in the order of {@code touched}, its published file
     *     or null
     * @param stagingDir where the staged files go, named by bucket and task attempt
     */
    BucketRewrite(
            SparkParquet parquet,
            FlatMapFunction<Iterator<InternalRow>, InternalRow> toRows,
            int idIndex,
            int buckets,
            List<Integer> touched,
            Published[] published,
            Path stagingDir,
            AccumulatorV2<InternalRow, ?> tap) {
        this.parquet = parquet;
        this.toRows = toRows;
        this.idIndex = idIndex;
        this.oneBucket = new OneBucketPerPartition(idIndex, buckets, touched);
        this.touched = touched.stream().mapToInt(Integer::intValue).toArray();
        this.published = published.clone();
        this.stagingDir = stagingDir.toString();
        this.tap = tap;
    }

    @Override
    public Iterator<Staged> call(Integer partition, Iterator<InternalRow> records) throws Exception {
        int bucket = touched[partition];
        Published stored = published[partition];
        Path file = new Path(
                stagingDir,
                String.format(
                        "bucket-%05d.attempt-%d%s",
                        bucket, TaskContext.get().taskAttemptId(), OutputLayout.PARQUET_SUFFIX));
        Iterator<InternalRow> rows = oneBucket.call(partition, toRows.call(records));
        if (stored != null) {
            rows = LatestWins.replaceStored(rows, () -> storedRows(stored), idIndex);
        }
        long written = 0;
        try (SparkParquet.RowWriter writer = parquet.create(file)) {
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                tap.add(row);
                writer.write(row);
                written++;
            }
        }
        return List.of(new Staged(bucket, file.toString(), written)).iterator();
    }

    /**
     * The rows of a published bucket file; a file that cannot be read fails the batch naming it.
     * (Spark's reader is Scala: its IOExceptions arrive unchecked, hence the catch of Exception.)
     */
    private Iterator<InternalRow> storedRows(Published stored) {
        Iterator<InternalRow> rows = open(stored);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNext();
                } catch (Exception e) {
                    throw unreadable(stored, e);
                }
            }

            @Override
            public InternalRow next() {
                try {
                    return rows.next();
                } catch (Exception e) {
                    throw unreadable(stored, e);
                }
            }
        };
    }

    private Iterator<InternalRow> open(Published stored) {
        try {
            return parquet.read(new Path(stored.file()), stored.length());
        } catch (Exception e) {
            throw unreadable(stored, e);
        }
    }

    /**
     * A published bucket file that could not be read. If the file system still answers for it, the
     * file is damaged or gone: the batch fails with one line naming it and what to do. Otherwise the
     * file system is what failed (a NameNode stopped, say), and its own error goes on, as for any
     * other write of the batch: a restart retries the batch once the file system is back.
     */
    private RuntimeException unreadable(Published stored, Exception e) {
        Path file = new Path(stored.file());
        try {
            file.getFileSystem(parquet.hadoopConfiguration()).getFileStatus(file);
        } catch (FileNotFoundException gone) {
            // Answered: the file is not there any more.
        } catch (IOException | RuntimeException unreachable) {
            e.addSuppressed(unreachable);
            return e instanceof RuntimeException unchecked
                    ? unchecked
                    : new UncheckedIOException("Cannot read " + file, asIOException(e));
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new CommandFailedException(
                "Cannot read the published bucket file " + stored.file() + " (" + root.getMessage()
                        + "); the batch was not published. Restore the file, or enrich the topic again into a new "
                        + "output folder",
                e);
    }

    private static IOException asIOException(Exception e) {
        return e instanceof IOException io ? io : new IOException(e);
    }
}
