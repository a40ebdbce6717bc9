package org.popsurvey.enricher.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.enricher.reference.ReferenceTables;
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
        Path reference = new ReferenceFiles()
                .row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 7, "Allegheny Center")
                .row(SourceFile.HEALTH_INSURANCE_BY_AGE, 7, "Allegheny Center")
                .row(SourceFile.SELF_EMPLOYMENT_INCOME, 7, "Allegheny Center")
                .writeTo(dir.resolve("reference"));
        Broadcast<ReferenceProfiles> profiles = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(ReferenceTables.load(conf, reference.toString()));
        String output = dir.resolve("out").toString();

        long published;
        try (OutputLock lock = OutputLayout.lock(output, conf)) {
            published = WarmUp.run(spark, OutputLayout.open(output, 4, conf, lock), profiles, Optional::empty);
        }

        assertThat(published).as("each scratch batch published its one row").isEqualTo(3);

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
}
