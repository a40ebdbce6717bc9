package org.popsurvey.enricher.stream;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}), setting a file's permission through Java's own file
 * API rather than a {@code chmod} process. Without Hadoop's native library, {@link
 * RawLocalFileSystem} forks {@code chmod} for every file and folder it creates (and for each
 * file's {@code .crc}): measured at 6-7 ms each from the enricher's JVM, against 0.02 ms here, and
 * about 40 a second while a batch writes its buckets and metric tables (docs/benchmarks.md, "Ninth
 * run"). The session uses it for a local output when Spark runs in this JVM ({@link SparkSessions}).
 * Anything beyond read, write and execute bits (the sticky bit) and a file system without POSIX
 * permissions still go to Hadoop's own way.
 */
public final class NioPermissionsLocalFileSystem extends LocalFileSystem {

    public NioPermissionsLocalFileSystem() {
        super(new NioPermissions());
    }

    private static final class NioPermissions extends RawLocalFileSystem {

        private static final PosixFilePermission[] BY_BIT = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };

        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            short mode = permission.toShort();
            if ((mode & ~0777) != 0) {
                super.setPermission(path, permission);
                return;
            }
            try {
                Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(mode));
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException("File " + path + " does not exist");
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(path, permission);
            }
        }

        private static Set<PosixFilePermission> posix(short mode) {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            for (int bit = 0; bit < BY_BIT.length; bit++) {
                if ((mode & (1 << bit)) != 0) {
                    permissions.add(BY_BIT[bit]);
                }
            }
            return permissions;
        }
    }
}
