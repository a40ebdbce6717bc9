package org.popsurvey.enricher.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.enricher.lock.OutputLock;

/**
 * The output folder:
 * <pre>
 * OUTPUT/neighborhoods/bucket-00000.snappy.parquet   one row per neighborhood; Id n lives in bucket n mod B
 * OUTPUT/metrics/TABLE/TABLE.snappy.parquet          city-wide tables, one file each
 * OUTPUT/rejected/batch-N.snappy.parquet             values of micro-batch N that could not be decoded
 * OUTPUT/_staging/batch-N/                           work in progress; never read, wiped on start
 * OUTPUT/_staging/trailing-N/                        batch N's trailing tables in progress (TrailingTables), the same
 * OUTPUT/_enricher/layout.properties                 the bucket count, fixed when the folder is created;
 *                                                    also the mark that the folder is the enricher's
 * OUTPUT/_enricher/lock                              who runs on this folder (see OutputLock)
 * </pre>
 * Every published file is replaced whole by {@link AtomicReplace}; names starting with '_' are
 * skipped by Spark, pyarrow and Hive, and no reader of {@code neighborhoods/} ever looks there.
 *
 * <p>What the enricher deletes, all of it: {@code _staging/} (its own work in progress), and a
 * published file of its own when {@link AtomicReplace} puts the new version over it (with the
 * local checksum file beside it). Only in a folder that is empty, new or marked as the enricher's:
 * any other folder is refused before anything is written or deleted.
 */
public final class OutputLayout {

    public static final String NEIGHBORHOODS = "neighborhoods";
    public static final String METRICS = "metrics";
    public static final String REJECTED = "rejected";
    public static final String STAGING = "_staging";
    public static final String STATE = "_enricher";
    /** The checkpoint's folder when {@code --checkpoint} is not given. */
    public static final String DEFAULT_CHECKPOINT = "_checkpoint";

    public static final String PARQUET_SUFFIX = ".snappy.parquet";
    static final String BUCKETS_PROPERTY = "neighborhoods.buckets";
    static final String LAYOUT_FILE = "layout.properties";
    static final String LOCK_FILE = "lock";

    private final Path root;
    private final FileSystem fs;
    private final int buckets;
    private final OutputLock lock;

    private OutputLayout(Path root, FileSystem fs, int buckets, OutputLock lock) {
        this.root = root;
        this.fs = fs;
        this.buckets = buckets;
        this.lock = lock;
    }

    /**
     * Takes the output folder's lock ({@link OutputLock}), which {@link #open} requires: refuses
     * first, without writing anything, a folder that holds someone else's files.
     */
    public static OutputLock lock(String output, Configuration conf) {
        Path root = new Path(output);
        try {
            FileSystem fs = root.getFileSystem(conf);
            checkOwned(fs, fs.makeQualified(root));
        } catch (IOException e) {
            throw new CommandFailedException("Cannot open output folder " + root + ": " + e.getMessage(), e);
        }
        return OutputLock.acquire(new Path(new Path(root, STATE), LOCK_FILE), conf);
    }

    /**
     * Opens (or creates) the output folder, with its lock held: checks the file system can replace
     * files atomically, refuses a folder holding anything but the enricher's own output, pins or
     * checks the bucket count, and deletes staging left by a run that died mid-batch (nothing there
     * was ever published).
     */
    public static OutputLayout open(String output, int buckets, Configuration conf, OutputLock lock) {
        Path root = new Path(output);
        try {
            FileSystem fs = root.getFileSystem(conf);
            root = fs.makeQualified(root);
            Path expected = new Path(new Path(root, STATE), LOCK_FILE);
            if (!lock.file().equals(expected)) {
                throw new IllegalArgumentException("lock " + lock.file() + " is not " + expected);
            }
            lock.checkHeld();
            AtomicReplace.checkSupported(fs, root);
            checkOwned(fs, root);
            OutputLayout layout = new OutputLayout(root, fs, pinBuckets(fs, root, buckets), lock);
            fs.delete(new Path(root, STAGING), true);
            return layout;
        } catch (IOException e) {
            throw new CommandFailedException("Cannot open output folder " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * A folder without the layout file must hold nothing but what a job writes before it: the lock
     * and the default checkpoint. Anything else is someone's data, never to be replaced or wiped.
     */
    static void checkOwned(FileSystem fs, Path root) throws IOException {
        if (!fs.exists(root) || fs.exists(new Path(new Path(root, STATE), LAYOUT_FILE))) {
            return;
        }
        if (!fs.getFileStatus(root).isDirectory()) {
            throw new CommandFailedException("Output " + root + " is a file, not a folder");
        }
        List<String> foreign = new ArrayList<>();
        for (FileStatus entry : fs.listStatus(root)) {
            String name = entry.getPath().getName();
            boolean ours = name.equals(STATE) || name.equals(DEFAULT_CHECKPOINT) || name.startsWith(".");
            if (!ours) {
                foreign.add(name);
            }
        }
        if (!foreign.isEmpty()) {
            Collections.sort(foreign);
            throw new CommandFailedException("Output " + root + " is not empty and was not written by the enricher "
                    + "(no " + STATE + "/" + LAYOUT_FILE + "); it holds "
                    + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? " and " + (foreign.size() - 5) + " more" : "")
                    + ". Give --output a new or empty folder: nothing there was changed");
        }
    }

    /** The bucket count the output at {@code output} was created with, if it was. */
    public static OptionalInt pinnedBuckets(String output, Configuration conf) {
        Path root = new Path(output);
        try {
            FileSystem fs = root.getFileSystem(conf);
            return pinnedBuckets(fs, fs.makeQualified(root));
        } catch (IOException e) {
            throw new CommandFailedException("Cannot open output folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static OptionalInt pinnedBuckets(FileSystem fs, Path root) throws IOException {
        Path file = new Path(new Path(root, STATE), LAYOUT_FILE);
        if (!fs.exists(file)) {
            return OptionalInt.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = fs.open(file)) {
            properties.load(in);
        }
        return OptionalInt.of(Integer.parseInt(properties.getProperty(BUCKETS_PROPERTY)));
    }

    private static int pinBuckets(FileSystem fs, Path root, int buckets) throws IOException {
        Path file = new Path(new Path(root, STATE), LAYOUT_FILE);
        OptionalInt existing = pinnedBuckets(fs, root);
        if (existing.isPresent()) {
            int pinned = existing.getAsInt();
            if (pinned != buckets) {
                throw new CommandFailedException("Output " + root + " was created with --buckets " + pinned
                        + ", not " + buckets + "; changing it would put a neighborhood in two files. Use --buckets "
                        + pinned + " or a new output folder");
            }
            return pinned;
        }
        Properties properties = new Properties();
        properties.setProperty(BUCKETS_PROPERTY, Integer.toString(buckets));
        Path temporary = new Path(file.getParent(), "layout.properties.tmp");
        try (OutputStream out = fs.create(temporary, true)) {
            properties.store(out, "spark-enricher output layout; do not edit");
        }
        AtomicReplace.replace(fs, temporary, file);
        return buckets;
    }

    /** Throws unless this job still holds the folder's lock: checked before each publication. */
    public void checkLocked() {
        lock.checkHeld();
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
    public static int bucket(int id, int buckets) {
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

    public Path trailingStaging(long batchId) {
        return new Path(new Path(root, STAGING), "trailing-" + batchId);
    }
}
