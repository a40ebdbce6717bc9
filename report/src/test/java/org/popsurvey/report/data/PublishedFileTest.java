package org.popsurvey.report.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedFileTest {

    private static final MessageType SCHEMA =
            MessageTypeParser.parseMessageType("message row { required int32 neighborhood_id; }");

    private final Configuration conf = new Configuration();

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aFileReplacedByALongerVersionBetweenListingAndReadingIsReadAgainWhole() throws IOException {
        java.nio.file.Path published = write("bucket.parquet", 1, 2);
        java.nio.file.Path newer = write("staged.parquet", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        FileSystem fs = FileSystem.getLocal(conf).getRaw();
        AtomicInteger attempts = new AtomicInteger();

        long rows = PublishedFile.read(fs, path(published), conf, file -> {
            if (attempts.incrementAndGet() == 1) {
                // The enricher's commit lands after the status was taken: rename over the name.
                Files.move(newer, published, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            try (ParquetFileReader reader = ParquetFileReader.open(file)) {
                return reader.getRecordCount();
            }
        });

        assertThat(rows).isEqualTo(10);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void everyRowOfTheVersionInPlaceIsRead() throws IOException {
        java.nio.file.Path published = write("bucket.parquet", 7, 3, 5);

        List<Group> rows = PublishedFile.rows(FileSystem.getLocal(conf).getRaw(), path(published), conf);

        assertThat(rows).extracting(row -> row.getInteger("neighborhood_id", 0)).containsExactly(7, 3, 5);
    }

    @Test
    void aDamagedFileThatNobodyReplacesIsAnErrorNotARetryLoop() throws IOException {
        java.nio.file.Path damaged = dir.resolve("bucket.parquet");
        Files.writeString(damaged, "not parquet at all, and no footer");
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> PublishedFile.read(FileSystem.getLocal(conf).getRaw(), path(damaged), conf, file -> {
                    attempts.incrementAndGet();
                    try (ParquetFileReader reader = ParquetFileReader.open(file)) {
                        return reader.getRecordCount();
                    }
                }))
                .hasMessageContaining("not a Parquet file");
        assertThat(attempts).hasValue(1);
    }

    private java.nio.file.Path write(String name, int... ids) throws IOException {
        java.nio.file.Path file = dir.resolve(name);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path(file))
                .withConf(conf)
                .withType(SCHEMA)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (int id : ids) {
                writer.write(groups.newGroup().append("neighborhood_id", id));
            }
        }
        // As the enricher publishes: the data file alone, no checksum file beside it to go stale.
        Files.delete(dir.resolve("." + name + ".crc"));
        return file;
    }

    private static Path path(java.nio.file.Path file) {
        return new Path(file.toUri());
    }
}
