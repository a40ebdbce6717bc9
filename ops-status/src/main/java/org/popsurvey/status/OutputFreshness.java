package org.popsurvey.status;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.popsurvey.report.data.PublishedFile;

/**
 * {@code OUTPUT/neighborhoods/}: its data files (names not starting with '_' or '.'), their rows
 * (from the Parquet footers, no data read) and when the newest was published.
 */
final class OutputFreshness {

    static final String NEIGHBORHOODS = "neighborhoods";

    record Neighborhoods(String path, int files, long rows, Instant lastPublished) {}

    private OutputFreshness() {}

    /** Spark, pyarrow and Hive skip names starting with '_' or '.'. */
    private static boolean isData(Path path) {
        return !path.getName().startsWith("_") && !path.getName().startsWith(".");
    }

    /** Empty when the folder does not exist yet. */
    static Optional<Neighborhoods> read(String output, Configuration conf) throws IOException {
        Path folder = new Path(output, NEIGHBORHOODS);
        FileSystem fs = folder.getFileSystem(conf);
        if (!fs.exists(folder)) {
            return Optional.empty();
        }
        int files = 0;
        long rows = 0;
        long newest = 0;
        for (FileStatus status : fs.listStatus(folder, OutputFreshness::isData)) {
            if (!status.isFile()) {
                continue;
            }
            files++;
            newest = Math.max(newest, status.getModificationTime());
            rows += PublishedFile.read(fs, status.getPath(), conf, file -> {
                try (ParquetFileReader reader = ParquetFileReader.open(file)) {
                    return reader.getRecordCount();
                }
            });
        }
        return Optional.of(new Neighborhoods(
                fs.makeQualified(folder).toString(), files, rows, files == 0 ? null : Instant.ofEpochMilli(newest)));
    }
}
