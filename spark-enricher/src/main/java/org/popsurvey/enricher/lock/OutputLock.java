package org.popsurvey.enricher.lock;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.popsurvey.cli.CommandFailedException;

/**
 * One enricher per output folder. Held from before the output is opened (so a second job never
 * wipes the first one's staging) until the job ends; a holder that dies, even by {@code kill -9},
 * leaves a lock that the next job recognises as stale and takes over:
 * <ul>
 *   <li>local folder: an OS file lock ({@link LocalOutputLock}); the kernel releases it when the
 *       process dies, however it dies, so a stale lock is simply a free one;</li>
 *   <li>{@code hdfs://}: the NameNode's lease on the open lock file ({@link HdfsOutputLock}); the
 *       HDFS client renews it in the background (the heartbeat) and the NameNode frees it 60 s after
 *       the last renewal, or at once when the recorded holder ran on this host and is gone.</li>
 * </ul>
 * Before publishing a batch the sink calls {@link #checkHeld()}, so a job that lost its lock stops
 * instead of writing beside the job that took it over.
 */
public abstract class OutputLock implements AutoCloseable {

    private final Path file;

    OutputLock(Path file) {
        this.file = file;
    }

    /**
     * Takes the lock in {@code lockFile}, or throws a {@link CommandFailedException} naming the
     * running holder (host, pid, start time).
     */
    public static OutputLock acquire(Path lockFile, Configuration conf) {
        try {
            FileSystem fs = lockFile.getFileSystem(conf);
            Path qualified = fs.makeQualified(lockFile);
            if (fs instanceof DistributedFileSystem dfs) {
                return HdfsOutputLock.acquire(dfs, qualified);
            }
            if (fs instanceof LocalFileSystem local) {
                return LocalOutputLock.acquire(local.pathToFile(qualified).toPath(), qualified);
            }
            if (fs instanceof RawLocalFileSystem raw) {
                return LocalOutputLock.acquire(raw.pathToFile(qualified).toPath(), qualified);
            }
            throw new CommandFailedException("Cannot lock " + qualified + ": " + fs.getScheme()
                    + ":// has no lock the enricher can use (hdfs:// or a local folder)");
        } catch (IOException e) {
            throw new CommandFailedException("Cannot take the lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Throws an {@link IllegalStateException} if this job no longer holds the lock. */
    public abstract void checkHeld();

    /** Releases the lock; the file stays (it records who held it). */
    @Override
    public abstract void close();

    static CommandFailedException heldBy(Path file, String holder, String hint) {
        return new CommandFailedException("Output folder "
                + display(file.getParent().getParent()) + " is in use by "
                + "another enricher: " + holder + " (lock " + display(file) + "). Run one enricher per output folder"
                + hint);
    }

    /** A local path as the user writes it (no file: scheme); others whole. */
    private static String display(Path path) {
        return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }
}
