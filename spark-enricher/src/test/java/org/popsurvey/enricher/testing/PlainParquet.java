package org.popsurvey.enricher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads a folder the way a plain Parquet reader does (DuckDB's or pyarrow's glob, Hive): every
 * {@code *.parquet} file in it, with no Spark metadata, no {@code _SUCCESS}, no staging knowledge.
 * Uses parquet-hadoop's example {@link Group} model, not Spark.
 */
public final class PlainParquet {

    private PlainParquet() {}

    public static List<Group> readFolder(Configuration conf, String folder) {
        Path dir = new Path(folder);
        List<Group> rows = new ArrayList<>();
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                return rows;
            }
            for (FileStatus file : fs.listStatus(dir)) {
                if (file.isFile()
                        && file.getPath().getName().endsWith(".parquet")
                        && !file.getPath().getName().startsWith(".")) {
                    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file.getPath())
                            .withConf(conf)
                            .build()) {
                        for (Group row = reader.read(); row != null; row = reader.read()) {
                            rows.add(row);
                        }
                    }
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder, e);
        }
    }

    /** Rows in every Parquet file of {@code folder}, from the footers (no row is decoded). */
    public static long rowCount(Configuration conf, String folder) {
        long rows = 0;
        try {
            Path dir = new Path(folder);
            for (String name : parquetFiles(conf, folder)) {
                try (org.apache.parquet.hadoop.ParquetFileReader reader =
                        org.apache.parquet.hadoop.ParquetFileReader.open(
                                HadoopInputFile.fromPath(new Path(dir, name), conf))) {
                    rows += reader.getRecordCount();
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read footers in " + folder, e);
        }
    }

    /** The files a plain reader would open in {@code folder}. */
    public static List<String> parquetFiles(Configuration conf, String folder) {
        Path dir = new Path(folder);
        List<String> names = new ArrayList<>();
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (fs.exists(dir)) {
                for (FileStatus file : fs.listStatus(dir)) {
                    if (file.getPath().getName().endsWith(".parquet")
                            && !file.getPath().getName().startsWith(".")) {
                        names.add(file.getPath().getName());
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    /** A nullable double field (an unset optional field reads as null). */
    public static Double doubleOrNull(Group row, String field) {
        return row.getFieldRepetitionCount(field) == 0 ? null : row.getDouble(field, 0);
    }

    public static Long longOrNull(Group row, String field) {
        return row.getFieldRepetitionCount(field) == 0 ? null : row.getLong(field, 0);
    }

    public static String stringOrNull(Group row, String field) {
        return row.getFieldRepetitionCount(field) == 0 ? null : row.getString(field, 0);
    }
}
