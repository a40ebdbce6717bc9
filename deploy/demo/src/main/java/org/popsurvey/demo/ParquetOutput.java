package org.popsurvey.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.Type;
import org.popsurvey.report.data.PublishedFile;

/**
 * The enricher's output read back with a plain Parquet reader, file by file, the way any tool
 * that lists the folder would: files and folders starting with '_' or '.' are not data. A file
 * replaced while it is read is read again ({@link PublishedFile}).
 */
final class ParquetOutput {

    static final String NEIGHBORHOODS = "neighborhoods";
    static final String METRICS = "metrics";

    /** A table folder: its data files and their total row count (from the footers). */
    record Table(Path path, int files, long rows) {}

    private final Path root;
    private final Configuration conf = new Configuration();

    ParquetOutput(java.nio.file.Path root) {
        this.root = new Path(root.toAbsolutePath().toUri());
    }

    /** An output on any file system Hadoop reads, e.g. {@code hdfs://127.0.0.1:PORT/popsurvey/output}. */
    ParquetOutput(java.net.URI root) {
        this.root = new Path(root);
    }

    Table neighborhoods() throws IOException {
        return table(new Path(root, NEIGHBORHOODS));
    }

    /** Every metrics table by name. */
    Map<String, Table> metrics() throws IOException {
        Map<String, Table> tables = new LinkedHashMap<>();
        FileSystem fs = root.getFileSystem(conf);
        Path metrics = new Path(root, METRICS);
        if (fs.exists(metrics)) {
            for (FileStatus status : fs.listStatus(metrics, path -> isData(path.getName()))) {
                if (status.isDirectory()) {
                    tables.put(status.getPath().getName(), table(status.getPath()));
                }
            }
        }
        return tables;
    }

    /** The rows of a small table, as field name to value text. */
    List<Map<String, String>> read(Table table) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        FileSystem fs = table.path().getFileSystem(conf);
        for (Path file : dataFiles(table.path())) {
            for (Group group : PublishedFile.rows(fs, file, conf)) {
                Map<String, String> row = new LinkedHashMap<>();
                for (Type field : group.getType().getFields()) {
                    String name = field.getName();
                    boolean present = field.isPrimitive() && group.getFieldRepetitionCount(name) > 0;
                    row.put(
                            name,
                            present ? group.getValueToString(group.getType().getFieldIndex(name), 0) : null);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private Table table(Path folder) throws IOException {
        long rows = 0;
        List<Path> files = dataFiles(folder);
        FileSystem fs = folder.getFileSystem(conf);
        for (Path file : files) {
            rows += PublishedFile.read(fs, file, conf, ParquetOutput::recordCount);
        }
        return new Table(folder, files.size(), rows);
    }

    private static long recordCount(InputFile file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(file)) {
            return reader.getRecordCount();
        }
    }

    private List<Path> dataFiles(Path folder) throws IOException {
        FileSystem fs = folder.getFileSystem(conf);
        List<Path> files = new ArrayList<>();
        if (!fs.exists(folder)) {
            return files;
        }
        for (FileStatus status : fs.listStatus(folder, path -> isData(path.getName()))) {
            if (status.isFile() && status.getPath().getName().endsWith(".parquet")) {
                files.add(status.getPath());
            }
        }
        return files;
    }

    private static boolean isData(String name) {
        return !name.startsWith("_") && !name.startsWith(".");
    }
}
