package org.popsurvey.enricher.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.testing.TestSpark;

/** The closing summary's totals, read once the query has ended, hold every batch it ran. */
class ProgressTotalsTest {

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void onceTheQueryHasEndedTheTotalsCountEveryRecordRead() throws Exception {
        SparkSession spark = TestSpark.session();
        Path input = Files.createDirectories(dir.resolve("in"));
        for (int file = 0; file < 3; file++) {
            Files.writeString(input.resolve("part-" + file + ".json"), "{\"id\":1}\n{\"id\":2}\n".repeat(file + 1));
        }
        ProgressTotals totals = new ProgressTotals();
        spark.streams().addListener(totals);
        try {
            StreamingQuery query = spark.readStream()
                    .schema(new StructType().add("id", DataTypes.IntegerType))
                    .option("maxFilesPerTrigger", 1)
                    .json(input.toString())
                    .writeStream()
                    .format("noop")
                    .option("checkpointLocation", dir.resolve("checkpoint").toString())
                    .trigger(Trigger.AvailableNow())
                    .start();
            query.awaitTermination();

            assertThat(totals.awaitTerminated(Duration.ofSeconds(30))).isTrue();
            assertThat(totals.records()).as("2 + 4 + 6 lines").isEqualTo(12);
            assertThat(totals.batches()).as("one file per batch").isEqualTo(3);
        } finally {
            spark.streams().removeListener(totals);
        }
    }
}
