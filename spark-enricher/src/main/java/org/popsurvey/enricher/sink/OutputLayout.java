package org.popsurvey.enricher.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Properties;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.popsurvey.cli.CommandFailedException;

/**
 * The output folder:
 * <pre>
 * OUTPUT/neighborhoods/bucket-00000.snappy.parquet   one row per neighborhood; Id n lives in bucket n mod B
 * OUTPUT/metrics/TABLE/TABLE.snappy.parquet          city-wide tables, one file each
 * OUTPUT/rejected/batch-N.snappy.parquet             values of micro-batch N that could not be decoded
 * OUTPUT/_staging/batch-N/                           work in progress; never read, wiped on start
 * OUTPUT/_enricher/layout.properties                 the bucket count, fixed when the folder is created
 * </pre>
 * Every published file is replaced whole by {@link AtomicReplace}; names starting with '_' are
 * skipped by Spark, pyarrow and Hive, and no reader of {@code neighborhoods/} ever looks there.
 */
public final class OutputLayout {

    public static final String NEIGHBORHOODS = "neighborhoods";
    public static final String METRICS = "metrics";
    public static final String REJECTED = "rejected";
    public static final String STAGING = "_staging";
    public static final String STATE = "_enricher";
    public static final String PARQUET_SUFFIX = ".snappy.parquet";
    static final String BUCKETS_PROPERTY = "neighborhoods.buckets";

    private final Path root;
    private final FileSystem fs;
    private final int buckets;

    private OutputLayout(Path root, FileSystem fs, int buckets) {
        this.root = root;
        this.fs = fs;
        this.buckets = buckets;
    }

    /**
     * Opens (or creates) the output folder: checks the file system can replace files atomically,
     * pins or checks the bucket count, and deletes staging left by a run that died mid-batch
     * (nothing there was ever published).
     */
    public static OutputLayout open(String output, int buckets, Configuration conf) {
        Path root = new Path(output);
        try {
            FileSystem fs = root.getFileSystem(conf);
            root = fs.makeQualified(root);
            AtomicReplace.checkSupported(fs, root);
            OutputLayout layout = new OutputLayout(root, fs, pinBuckets(fs, root, buckets));
            fs.delete(new Path(root, STAGING), true);
            return layout;
        } catch (IOException e) {
            throw new CommandFailedException("Cannot open output folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static int pinBuckets(FileSystem fs, Path root, int buckets) throws IOException {
        Path file = new Path(new Path(root, STATE), "layout.properties");
        Properties properties = new Properties();
        if (fs.exists(file)) {
            try (InputStream in = fs.open(file)) {
                properties.load(in);
            }
            int pinned = Integer.parseInt(properties.getProperty(BUCKETS_PROPERTY));
            if (pinned != buckets) {
                throw new CommandFailedException("Output " + root + " was created with --buckets " + pinned
                        + ", not " + buckets + "; changing it would put a neighborhood in two files. Use --buckets "
                        + pinned + " or a new output folder");
            }
            return pinned;
        }
        properties.setProperty(BUCKETS_PROPERTY, Integer.toString(buckets));
        Path temporary = new Path(file.getParent(), "layout.properties.tmp");
        try (OutputStream out = fs.create(temporary, true)) {
            properties.store(out, "spark-enricher output layout; do not edit");
        }
        AtomicReplace.replace(fs, temporary, file);
        return buckets;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public Path root() {
        return root;
    }

    public int buckets() {
        return buckets;
    }

    public Path neighborhoods() {
        return new Path(root, NEIGHBORHOODS);
    }

    /** The bucket of neighborhood {@code id} among {@code buckets}: Id mod B, never negative. */
    static int bucket(int id, int buckets) {
        return Math.floorMod(id, buckets);
    }

    public Path bucketFile(int bucket) {
        return new Path(neighborhoods(), String.format("bucket-%05d%s", bucket, PARQUET_SUFFIX));
    }

    public Path metricFile(String table) {
        return new Path(new Path(new Path(root, METRICS), table), table + PARQUET_SUFFIX);
    }

    public Path rejectedFile(long batchId) {
        return new Path(new Path(root, REJECTED), String.format("batch-%020d%s", batchId, PARQUET_SUFFIX));
    }

    public Path staging(long batchId) {
        return new Path(new Path(root, STAGING), "batch-" + batchId);
    }
}
