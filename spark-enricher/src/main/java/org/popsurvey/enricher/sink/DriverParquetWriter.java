package org.popsurvey.enricher.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * Writes one Parquet file from the driver with Spark's own Parquet writer, configured from the
 * session as a write task would be: the same schema conversion, timestamp type, footer metadata and
 * {@link ParquetWriteOptions}, so a reader cannot tell the file from one a Spark job wrote.
 *
 * <p>Why not a Spark job: the metric tables are computed on the driver (sums and rankings kept
 * there between batches); a job per table cost about a second of scheduling per micro-batch, and
 * handing a million ranking rows to a task would serialize them all into it. Spark's writer itself
 * is behind {@link SparkParquet}.
 */
public final class DriverParquetWriter {

    private DriverParquetWriter() {}

    /** Rows pushed to a writer one by one, so a large table is never held whole. */
    @FunctionalInterface
    public interface RowSource {
        void writeTo(Consumer<InternalRow> writer);
    }

    /**
     * A table to publish: its schema and its rows, in Spark's internal form, in parts written side
     * by side (the file holds them in this order).
     */
    public record Table(StructType schema, List<RowSource> parts) {

        public Table(StructType schema, RowSource rows) {
            this(schema, List.of(rows));
        }

        /** A small table of external rows, converted one by one as they are written. */
        public static Table of(StructType schema, List<Row> rows) {
            return new Table(schema, writer -> {
                Function1<Object, Object> toInternal = CatalystTypeConverters.createToCatalystConverter(schema);
                rows.forEach(row -> writer.accept((InternalRow) toInternal.apply(row)));
            });
        }
    }

    /**
     * Writes {@code table} to {@code file} (replacing nothing: the file must not exist), its parts
     * side by side on the common fork-join pool.
     */
    static void write(SparkSession spark, Path file, Table table) {
        write(spark, file, table, true, NO_PAUSE);
    }

    /**
     * As {@link #write}, the parts one after the other on the calling thread, which runs
     * {@code betweenChunks} every {@value #ROWS_PER_CHUNK} rows (it may pause the write): for a
     * table written beside the batches, which must not take every core, nor leave long tasks in the
     * common pool that a batch waiting there would pick up.
     */
    static void writeOnThisThread(SparkSession spark, Path file, Table table, Runnable betweenChunks) {
        write(spark, file, table, false, betweenChunks);
    }

    /** Rows written between two calls of a write's {@code betweenChunks}: about 10 ms of encoding. */
    static final int ROWS_PER_CHUNK = 8192;

    private static final Runnable NO_PAUSE = () -> {};

    private static void write(
            SparkSession spark, Path file, Table table, boolean partsSideBySide, Runnable betweenChunks) {
        if (table.parts().size() == 1) {
            writePart(spark, file, table.schema(), table.parts().get(0), betweenChunks);
            return;
        }
        // Each part is encoded on its own (side by side, on its own core); their row groups are then
        // copied into one file as they are (no decoding), which costs a fraction of encoding them.
        List<Path> parts = IntStream.range(0, table.parts().size())
                .mapToObj(i -> new Path(file.getParent(), "." + file.getName() + ".part-" + i))
                .toList();
        IntStream indexes = IntStream.range(0, parts.size());
        (partsSideBySide ? indexes.parallel() : indexes)
                .forEach(i -> writePart(
                        spark, parts.get(i), table.schema(), table.parts().get(i), betweenChunks));
        Configuration conf = spark.sessionState().newHadoopConf();
        try {
            FileMetaData first = footer(conf, parts.get(0));
            ParquetFileWriter writer = new ParquetFileWriter(
                    HadoopOutputFile.fromPath(file, conf),
                    first.getSchema(),
                    ParquetFileWriter.Mode.CREATE,
                    ParquetWriter.DEFAULT_BLOCK_SIZE,
                    ParquetWriter.MAX_PADDING_SIZE_DEFAULT);
            writer.start();
            for (Path part : parts) {
                writer.appendFile(HadoopInputFile.fromPath(part, conf));
            }
            // Spark's footer metadata (its version, the row schema), as each part has it.
            writer.end(first.getKeyValueMetaData());
            FileSystem fs = file.getFileSystem(conf);
            for (Path part : parts) {
                fs.delete(part, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void writePart(
            SparkSession spark, Path file, StructType schema, RowSource rows, Runnable betweenChunks) {
        try (SparkParquet.RowWriter writer =
                SparkParquet.create(SparkParquet.writeConfiguration(spark, schema), file)) {
            int[] inChunk = {0};
            rows.writeTo(row -> {
                if (++inChunk[0] == ROWS_PER_CHUNK) {
                    inChunk[0] = 0;
                    betweenChunks.run();
                }
                writer.write(row);
            });
        }
    }

    private static FileMetaData footer(Configuration conf, Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            return reader.getFooter().getFileMetaData();
        }
    }
}
