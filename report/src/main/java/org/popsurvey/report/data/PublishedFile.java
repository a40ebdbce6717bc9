package org.popsurvey.report.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;

/**
 * Reads one published file of the enricher's output while the enricher may be replacing it.
 *
 * <p>The enricher replaces a file by renaming a new version over its name (one atomic step), so a
 * reader never sees half a file, but a reader that takes the length from a listing and then opens
 * the name can open the newer version with the older length: Parquet then reads its footer from the
 * middle of the file ("Expected magic number at tail"). Every plain reader that lists before it
 * reads has this window, Spark's included. Here a failed read is read again, from a fresh status,
 * when the file changed since the status the read used; a failure on an unchanged file is real and
 * is thrown.
 */
public final class PublishedFile {

    /** A busy enricher replaces a bucket every few seconds; a read takes milliseconds. */
    private static final int ATTEMPTS = 5;

    /** One read of a file of known status: the status's length is what Parquet trusts. */
    @FunctionalInterface
    public interface Read<T> {
        T from(InputFile file) throws IOException;
    }

    private PublishedFile() {}

    /** {@code read} applied to {@code file}, again if the file was replaced under it. */
    public static <T> T read(FileSystem fs, Path file, Configuration conf, Read<T> read) throws IOException {
        FileStatus status = fs.getFileStatus(file);
        for (int attempt = 1; ; attempt++) {
            try {
                return read.from(HadoopInputFile.fromStatus(status, conf));
            } catch (IOException | RuntimeException failure) {
                FileStatus now = fs.getFileStatus(file);
                if (attempt == ATTEMPTS || sameVersion(status, now)) {
                    throw failure;
                }
                status = now;
            }
        }
    }

    /** Every row of one Parquet file in parquet-hadoop's example model, re-read if replaced. */
    public static List<Group> rows(FileSystem fs, Path file, Configuration conf) throws IOException {
        return read(fs, file, conf, input -> {
            List<Group> rows = new ArrayList<>();
            try (ParquetReader<Group> reader =
                    new GroupReader(input).withConf(conf).build()) {
                for (Group group = reader.read(); group != null; group = reader.read()) {
                    rows.add(group);
                }
            }
            return rows;
        });
    }

    private static boolean sameVersion(FileStatus before, FileStatus after) {
        return before.getLen() == after.getLen() && before.getModificationTime() == after.getModificationTime();
    }

    /** parquet-hadoop builds a reader of an {@link InputFile} only through a subclass. */
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
