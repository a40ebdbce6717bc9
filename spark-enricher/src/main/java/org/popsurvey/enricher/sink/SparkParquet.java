package org.popsurvey.enricher.sink;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.paths.SparkPath;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.FileFormat$;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetOptions;
import org.apache.spark.sql.execution.datasources.parquet.ParquetOutputWriter;
import org.apache.spark.sql.execution.datasources.parquet.ParquetUtils$;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import scala.Function1;
import scala.collection.JavaConverters;

/**
 * Spark's own Parquet reader and writer, used outside a Spark SQL scan or write: by the driver for
 * the metric tables ({@link DriverParquetWriter}) and by the bucket rewrite's tasks, each of which
 * reads one published bucket file and writes that bucket's new file itself ({@link BucketRewrite}).
 * Both are configured from the session as a file scan and a write job configure them (schema
 * conversion, timestamp type, footer metadata, {@link ParquetWriteOptions}), so a reader cannot
 * tell these files from those of a Spark job.
 *
 * <p>Why internals: the metric tables are computed on the driver, where a Spark job per table cost
 * about a second of scheduling per micro-batch. And a Spark SQL rewrite of the touched buckets
 * (read them, drop the replaced Ids, add the incoming rows, write) shuffled every stored row to the
 * write task of its bucket and generated a row projection of the 122-column schema in each task:
 * measured at 10,000 neighborhoods, 40% of the write tasks' time (docs/benchmarks.md). This is the
 * one class that uses Spark's internal Parquet classes.
 */
final class SparkParquet implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Function1<PartitionedFile, scala.collection.Iterator<InternalRow>> reader;
    private final Broadcast<SerializableConfiguration> writeConfiguration;

    private SparkParquet(
            Function1<PartitionedFile, scala.collection.Iterator<InternalRow>> reader,
            Broadcast<SerializableConfiguration> writeConfiguration) {
        this.reader = reader;
        this.writeConfiguration = writeConfiguration;
    }

    /** A writer of one file, row by row. */
    interface RowWriter extends Closeable {
        void write(InternalRow row);

        @Override
        void close();
    }

    /**
     * Reader and writer of bucket files of rows of {@code rowSchema}, for tasks: built on the driver, with the session's
     * settings, as a file scan builds its reader (the Hadoop configuration is broadcast once, not
     * shipped with every task).
     */
    static SparkParquet forTasks(SparkSession spark, StructType rowSchema) {
        // Every column optional, as the bucket files have always declared them: Spark reads Parquet
        // as nullable, so its merge of read rows and incoming rows was. A plain reader asking for an
        // optional column (pyarrow's datasets, Hive) is refused a file that declares it required.
        StructType schema = rowSchema.asNullable();
        scala.collection.immutable.Map<String, String> options = scalaMap(Map.of(
                // Rows, not columnar batches: the rewrite hands each row to the writer and the tap.
                // (Spark's scans set it from the plan; the reader refuses to guess.)
                FileFormat$.MODULE$.OPTION_RETURNING_BATCH(), "false"));
        Function1<PartitionedFile, scala.collection.Iterator<InternalRow>> reader = new ParquetFileFormat()
                .buildReaderWithPartitionValues(
                        spark,
                        schema,
                        new StructType(),
                        schema,
                        JavaConverters.asScalaBuffer(java.util.List.<org.apache.spark.sql.sources.Filter>of())
                                .toSeq(),
                        options,
                        spark.sessionState().newHadoopConf());
        Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(writeConfiguration(spark, schema)));
        return new SparkParquet(reader, conf);
    }

    /** In a task: the rows of {@code file} ({@code length} bytes long), read by Spark's vectorized reader. */
    Iterator<InternalRow> read(Path file, long length) {
        PartitionedFile whole = new PartitionedFile(
                InternalRow.empty(), SparkPath.fromPath(file), 0, length, new String[0], 0, length, noMetadata());
        return JavaConverters.asJavaIterator(reader.apply(whole));
    }

    /** In a task: the session's Hadoop configuration, with the writer's settings. */
    Configuration hadoopConfiguration() {
        return writeConfiguration.value().value();
    }

    /** In a task: a writer of a new file at {@code file}. */
    RowWriter create(Path file) {
        return create(hadoopConfiguration(), file);
    }

    /**
     * The Hadoop configuration a Spark write job gives its Parquet writer, with the session's
     * settings and {@link ParquetWriteOptions}.
     */
    static Configuration writeConfiguration(SparkSession spark, StructType schema) {
        SQLConf sqlConf = spark.sessionState().conf();
        Configuration conf = spark.sessionState().newHadoopConf();
        Map<String, String> options = ParquetWriteOptions.forSchema(schema);
        options.forEach(conf::set);
        try {
            Job job = Job.getInstance(conf);
            ParquetUtils$.MODULE$.prepareWrite(sqlConf, job, schema, new ParquetOptions(scalaMap(options), sqlConf));
            return job.getConfiguration();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot configure a Parquet writer", e);
        }
    }

    /** A writer of a new file at {@code file}, configured by {@link #writeConfiguration}. */
    static RowWriter create(Configuration writeConfiguration, Path file) {
        OutputWriter writer = new ParquetOutputWriter(
                file.toString(), new TaskAttemptContextImpl(writeConfiguration, new TaskAttemptID()));
        return new RowWriter() {
            @Override
            public void write(InternalRow row) {
                writer.write(row);
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }

    /** A file's constant metadata columns: none. */
    private static scala.collection.immutable.Map<String, Object> noMetadata() {
        return scala.collection.immutable.Map$.MODULE$.empty();
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
