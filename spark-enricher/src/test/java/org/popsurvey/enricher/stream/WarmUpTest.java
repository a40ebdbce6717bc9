package org.popsurvey.enricher.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.census.CityMetrics;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.enricher.reference.ReferenceTables;
import org.popsurvey.enricher.sink.ExactlyOnceParquetSink;
import org.popsurvey.enricher.sink.OutputLayout;
import org.popsurvey.enricher.testing.ReferenceFiles;
import org.popsurvey.enricher.testing.TestSpark;
import org.popsurvey.schemas.SourceFile;

class WarmUpTest {

    @TempDir
    Path dir;

    @Test
    void theWarmUpRunsTheBatchPathInScratchAndLeavesTheOutputAsItFoundIt() throws Exception {
        SparkSession spark = TestSpark.session();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Broadcast<ReferenceProfiles> profiles = profiles(spark);
        String output = dir.resolve("out").toString();

        WarmUp.Scratch scratch;
        try (OutputLock lock = OutputLayout.lock(output, conf)) {
            scratch = WarmUp.run(spark, OutputLayout.open(output, 4, conf, lock), profiles, Optional::empty);
        }

        assertThat(scratch.neighborhoodsPublished())
                .as("3 scratch batches of 4 made-up neighborhoods, one per bucket")
                .isEqualTo(12);
        assertThat(scratch.bucketRows())
                .as("nothing published to copy: the made-up rows alone")
                .isEqualTo(4);

        try (Stream<Path> top = Files.list(dir.resolve("out"))) {
            assertThat(top.map(path -> path.getFileName().toString()))
                    .as("nothing published, only the enricher's own folders")
                    .containsExactlyInAnyOrder(OutputLayout.STATE, OutputLayout.STAGING);
        }
        try (Stream<Path> staging = Files.list(dir.resolve("out").resolve(OutputLayout.STAGING))) {
            assertThat(staging.toList()).as("the scratch output is deleted").isEmpty();
        }
        assertThat(Files.readAllLines(dir.resolve("out/_enricher/layout.properties")))
                .contains("neighborhoods.buckets=4");
    }

    @Test
    void theScratchBatchesRewriteCopiesOfThePublishedBucketsAndLeaveThemAsTheyWere() throws Exception {
        SparkSession spark = TestSpark.session();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Broadcast<ReferenceProfiles> profiles = profiles(spark);
        String output = dir.resolve("out").toString();
        List<Row> published = IntStream.rangeClosed(1, 40)
                .mapToObj(id -> WarmUp.record(id, id))
                .toList();

        WarmUp.Scratch scratch;
        Map<String, Long> before;
        try (OutputLock lock = OutputLayout.lock(output, conf)) {
            OutputLayout layout = OutputLayout.open(output, 16, conf, lock);
            new EnrichmentBatch(
                            profiles,
                            new ExactlyOnceParquetSink(
                                    layout,
                                    NeighborhoodTable.NEIGHBORHOOD_ID,
                                    new CityMetrics(layout.buckets(), CityMetrics.RANKINGS_NEVER_TRAIL)))
                    .call(spark.createDataFrame(published, DecodedRecord.SCHEMA), 0L);
            before = bucketFiles(layout);
            scratch = WarmUp.run(spark, layout, profiles, Optional::empty);
            assertThat(bucketFiles(layout))
                    .as("the published buckets are untouched")
                    .isEqualTo(before);
        }

        // Ids -1..-10 fall in buckets 15..6 of 16, which hold Ids 6..15, 22..31 and 38..40: 23 rows.
        assertThat(scratch.bucketRows())
                .as("the copied buckets' 23 published rows plus the 10 made-up neighborhoods")
                .isEqualTo(33);
        assertThat(scratch.neighborhoodsPublished()).isEqualTo(30);
        assertThat(spark.read().parquet(output + "/neighborhoods").count()).isEqualTo(40);
    }

    /** Reference tables of one neighborhood, Id 7, loaded and broadcast as the job does. */
    private Broadcast<ReferenceProfiles> profiles(SparkSession spark) throws Exception {
        Path reference = new ReferenceFiles()
                .row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 7, "Allegheny Center")
                .row(SourceFile.HEALTH_INSURANCE_BY_AGE, 7, "Allegheny Center")
                .row(SourceFile.SELF_EMPLOYMENT_INCOME, 7, "Allegheny Center")
                .writeTo(dir.resolve("reference"));
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(ReferenceTables.load(spark.sparkContext().hadoopConfiguration(), reference.toString()));
    }

    /** Each published bucket file's name, with its length and modification time. */
    private static Map<String, Long> bucketFiles(OutputLayout layout) throws Exception {
        Map<String, Long> files = new TreeMap<>();
        for (FileStatus file : layout.fileSystem().listStatus(layout.neighborhoods())) {
            files.put(file.getPath().getName() + "/" + file.getLen(), file.getModificationTime());
        }
        return files;
    }
}
