package org.popsurvey.enricher.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.parquet.ParquetOptions;
import org.apache.spark.sql.execution.datasources.parquet.ParquetUtils$;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * Writes one Parquet file from the driver with Spark's own Parquet writer, configured from the
 * session as a write task would be: the same schema conversion, timestamp type, footer metadata and
 * {@link ParquetWriteOptions}, so a reader cannot tell the file from one a Spark job wrote.
 *
 * <p>Why not a Spark job: the metric tables are computed on the driver (sums and rankings kept
 * there between batches); a job per table cost about a second of scheduling per micro-batch, and
 * handing a million ranking rows to a task would serialize them all into it. This is the one class
 * that uses Spark's internal writer classes.
 */
public final class DriverParquetWriter {

    private DriverParquetWriter() {}

    /** Rows pushed to a writer one by one, so a large table is never held whole. */
    @FunctionalInterface
    public interface RowSource {
        void writeTo(Consumer<InternalRow> writer);
    }

    /** A table to publish: its schema and its rows, in Spark's internal form. */
    public record Table(StructType schema, RowSource rows) {

        /** A small table of external rows, converted one by one as they are written. */
        public static Table of(StructType schema, List<Row> rows) {
            return new Table(schema, writer -> {
                Function1<Object, Object> toInternal = CatalystTypeConverters.createToCatalystConverter(schema);
                rows.forEach(row -> writer.accept((InternalRow) toInternal.apply(row)));
            });
        }
    }

    /** Writes {@code table} to {@code file} (replacing nothing: the file must not exist). */
    static void write(SparkSession spark, Path file, Table table) {
        SQLConf sqlConf = spark.sessionState().conf();
        Configuration conf = spark.sessionState().newHadoopConf();
        Map<String, String> options = ParquetWriteOptions.forSchema(table.schema());
        options.forEach(conf::set);
        try {
            Job job = Job.getInstance(conf);
            ParquetUtils$.MODULE$.prepareWrite(
                    sqlConf, job, table.schema(), new ParquetOptions(scalaMap(options), sqlConf));
            OutputWriter writer = new org.apache.spark.sql.execution.datasources.parquet.ParquetOutputWriter(
                    file.toString(), new TaskAttemptContextImpl(job.getConfiguration(), new TaskAttemptID()));
            try {
                table.rows().writeTo(writer::write);
            } finally {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> options) {
        scala.collection.immutable.Map result = scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, String> option : options.entrySet()) {
            result = result.updated(option.getKey(), option.getValue());
        }
        return result;
    }
}
