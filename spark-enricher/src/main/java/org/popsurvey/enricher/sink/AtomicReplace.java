package org.popsurvey.enricher.sink;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.popsurvey.cli.CommandFailedException;

/**
 * Moves a finished file over its published name in one atomic step, so a reader listing the folder
 * sees the old file or the new one, never neither and never both. HDFS: {@code rename} with
 * {@link Options.Rename#OVERWRITE} (one NameNode operation). Local: POSIX {@code rename(2)}, which
 * replaces the target atomically. Hadoop's generic overwrite-rename is delete-then-rename, which
 * a crash can split, so other file systems (object stores) are refused up front.
 */
public final class AtomicReplace {

    private AtomicReplace() {}

    /** Fails fast, naming the location, when {@code fs} cannot replace files atomically. */
    public static void checkSupported(FileSystem fs, Path location) {
        if (!(fs instanceof DistributedFileSystem
                || fs instanceof LocalFileSystem
                || fs instanceof RawLocalFileSystem)) {
            throw new CommandFailedException("Output " + location + " is on " + fs.getScheme() + "://, which cannot "
                    + "replace a file atomically; exactly-once output needs hdfs:// or a local folder");
        }
    }

    /** Atomically replaces {@code target} (if it exists) with {@code source}; both on {@code fs}. */
    public static void replace(FileSystem fs, Path source, Path target) throws IOException {
        fs.mkdirs(target.getParent());
        if (fs instanceof DistributedFileSystem dfs) {
            dfs.rename(source, target, Options.Rename.OVERWRITE);
        } else if (fs instanceof LocalFileSystem local) {
            // The checksum file is not data: drop the target's first so no reader pairs new bytes
            // with an old checksum, then move the data file with the raw rename(2).
            local.getRaw().delete(local.getChecksumFile(target), false);
            renameRaw(local.getRaw(), source, target);
            local.getRaw().delete(local.getChecksumFile(source), false);
        } else if (fs instanceof RawLocalFileSystem raw) {
            renameRaw(raw, source, target);
        } else {
            throw new IOException("no atomic replace on " + fs.getUri());
        }
    }

    private static void renameRaw(FileSystem raw, Path source, Path target) throws IOException {
        if (!raw.rename(source, target)) {
            throw new IOException("rename " + source + " -> " + target + " failed");
        }
    }
}
