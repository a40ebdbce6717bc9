package org.popsurvey.enricher.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioPermissionsLocalFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aLocalSessionUsesItForFileUrls() throws Exception {
        Configuration conf = SparkSessions.hadoopConfiguration(Map.of());

        try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"), conf)) {
            assertThat(fs).isInstanceOf(NioPermissionsLocalFileSystem.class);
        }
    }

    @Test
    void filesAndFoldersGetTheirRequestedPermissions() throws Exception {
        try (FileSystem fs = fileSystem()) {
            Path folder = new Path(dir.resolve("folder").toUri());
            assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
            Path file = new Path(folder, "data");
            fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)
                    .close();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("folder"))))
                    .isEqualTo("rwxr-x---");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("folder/data"))))
                    .isEqualTo("rw-r-----");
            fs.setPermission(file, new FsPermission((short) 0604));
            assertThat(fs.getFileStatus(file).getPermission().toShort()).isEqualTo((short) 0604);
        }
    }

    @Test
    void theStickyBitStillGoesThroughHadoop() throws Exception {
        try (FileSystem fs = fileSystem()) {
            Path folder = new Path(dir.resolve("shared").toUri());
            fs.mkdirs(folder);

            fs.setPermission(folder, new FsPermission((short) 01777));

            assertThat(fs.getFileStatus(folder).getPermission().getStickyBit()).isTrue();
        }
    }

    @Test
    void aMissingFileIsNotFound() throws Exception {
        try (FileSystem fs = fileSystem()) {
            Path missing = new Path(dir.resolve("missing").toUri());

            assertThatThrownBy(() -> fs.setPermission(missing, new FsPermission((short) 0644)))
                    .isInstanceOf(FileNotFoundException.class)
                    .hasMessageContaining("missing");
        }
    }

    private static FileSystem fileSystem() throws Exception {
        Configuration conf = new Configuration();
        conf.set(SparkSessions.LOCAL_FILE_SYSTEM, NioPermissionsLocalFileSystem.class.getName());
        FileSystem fs = FileSystem.newInstance(URI.create("file:///"), conf);
        assertThat(fs).isInstanceOf(NioPermissionsLocalFileSystem.class);
        return fs;
    }
}
