package org.popsurvey.enricher.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.enricher.testing.TestSpark;

/** The trailing tables' writer gives the cores to running batches, and batches cannot starve it. */
class TrailingTablesTest {

    private static final Configuration CONF = new Configuration();
    private static final int ROWS = 2 * DriverParquetWriter.ROWS_PER_CHUNK + 5;
    private static SparkSession spark;

    @TempDir
    Path dir;

    private OutputLock lock;
    private final AtomicInteger generated = new AtomicInteger();

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
    }

    @Test
    void aTrailingWritePausesWhileABatchRunsAndFinishesOnceItEnds() {
        TrailingTables trailing = new TrailingTables(layout());
        trailing.runBatch(() -> {
            trailing.publish(spark, 7, Map.of("ranks", numbers()));
            // The first chunk is written, then the writer waits for the batch to end.
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> generated.get() == DriverParquetWriter.ROWS_PER_CHUNK);
            assertThat(Files.exists(dir.resolve("out/metrics/ranks"))).isFalse();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("out/metrics/ranks")));
        assertPublishedInFull();
    }

    @Test
    void aBatchThatNeverEndsDelaysATrailingWriteButCannotStopIt() {
        TrailingTables trailing = new TrailingTables(layout(), Duration.ofMillis(300));
        trailing.runBatch(() -> {
            trailing.publish(spark, 7, Map.of("ranks", numbers()));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("out/metrics/ranks")));
        });
        assertPublishedInFull();
    }

    @Test
    void awaitingThePublishedTablesEndsThePause() {
        TrailingTables trailing = new TrailingTables(layout());
        trailing.runBatch(() -> {
            trailing.publish(spark, 7, Map.of("ranks", numbers()));
            trailing.awaitPublished();
        });
        assertPublishedInFull();
    }

    /** Rows 0 .. ROWS-1 of one long column, counted as they are generated. */
    private DriverParquetWriter.Table numbers() {
        StructType schema = new StructType().add("n", DataTypes.LongType, false);
        return new DriverParquetWriter.Table(schema, writer -> {
            for (long n = 0; n < ROWS; n++) {
                generated.incrementAndGet();
                writer.accept(new GenericInternalRow(new Object[] {n}));
            }
        });
    }

    private void assertPublishedInFull() {
        List<Group> rows =
                PlainParquet.readFolder(CONF, dir.resolve("out/metrics/ranks").toString());
        assertThat(rows).hasSize(ROWS);
        assertThat(rows.get(ROWS - 1).getLong("n", 0)).isEqualTo(ROWS - 1);
        assertThat(generated.get()).isEqualTo(ROWS);
    }

    private OutputLayout layout() {
        String output = dir.resolve("out").toString();
        lock = OutputLayout.lock(output, CONF);
        return OutputLayout.open(output, 3, CONF, lock);
    }

    @AfterEach
    void releaseLock() {
        if (lock != null) {
            lock.close();
        }
    }
}
