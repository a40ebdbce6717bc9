package org.popsurvey.enricher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.testing.AcsData;
import org.popsurvey.enricher.testing.CleanTopic;
import org.popsurvey.enricher.testing.EnricherProcess;
import org.popsurvey.enricher.testing.MiniHdfs;
import org.popsurvey.enricher.testing.Versions;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * One enricher per output folder, with real processes: while one runs, a second {@code enrich}
 * on the same {@code --output} exits 1 naming it (pid, host, start); after {@code kill -9} of the
 * first, the next start recognises the stale lock, takes it over and finishes the output exactly.
 * Both for a local folder (OS file lock) and for {@code hdfs://} (the NameNode's lease). The run
 * after the takeover also shows what the enricher deletes: its own leftover staging, nothing of
 * the files a user put beside its output.
 */
class OneEnricherPerOutputIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static MiniHdfs hdfs;
    private static String topic;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start();
        topic = "enrich-lock-" + UUID.randomUUID();
        STACK.createTopic(topic, 2);
        try (CleanTopic clean = new CleanTopic(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic)) {
            clean.sendAll(Versions.version(0));
        }
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void aSecondEnricherOnALocalFolderStopsNamingTheFirstAndTakesOverAfterKillNine() throws Exception {
        String output = dir.resolve("out").toString();
        secondStopsThenTakeoverAfterKillNine(output, dir.resolve("checkpoint").toString(), new Configuration());
    }

    @Test
    void aSecondEnricherOnAnHdfsFolderStopsNamingTheFirstAndTakesOverAfterKillNine() throws Exception {
        String output = hdfs.path("/lock-out");
        String log = secondStopsThenTakeoverAfterKillNine(output, hdfs.path("/lock-checkpoint"), hdfs.conf());
        // The lease of the killed holder was recovered at once, not after HDFS's 60 s soft limit.
        assertThat(log).contains("Taking over the lock " + output + "/_enricher/lock from pid ");
    }

    /** The scenario; returns the log of the run that took over. */
    private String secondStopsThenTakeoverAfterKillNine(String output, String checkpoint, Configuration conf)
            throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "one-enricher-per-output-it"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> arguments = List.of(
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl(),
                "--topic",
                topic,
                "--reference-dir",
                AcsData.directory().toString(),
                "--output",
                output,
                "--checkpoint",
                checkpoint,
                "--spark-conf",
                "spark.hadoop.dfs.replication=1",
                "--spark-conf",
                "spark.sql.shuffle.partitions=2");
        try (EnricherProcess first =
                EnricherProcess.start(logs.resolve(run + "-first.log"), concat(arguments, "--trigger", "2s"))) {
            assertThat(first.awaitLog("enrich: reading", Duration.ofMinutes(4)))
                    .as("first enricher started:%n%s", first.logTail())
                    .isTrue();

            try (EnricherProcess second =
                    EnricherProcess.start(logs.resolve(run + "-second.log"), concat(arguments, "--once"))) {
                assertThat(second.awaitExit(3, TimeUnit.MINUTES))
                        .as("second:%n%s", second.logTail())
                        .isEqualTo(1);
                assertThat(second.log())
                        .contains("error: Output folder " + output + " is in use by another enricher: pid "
                                + first.pid() + " on host ")
                        .contains(", started ")
                        .doesNotContain("\tat ");
            }
            assertThat(first.isAlive())
                    .as("the first enricher is untouched:%n%s", first.logTail())
                    .isTrue();
            first.killNine();
        }

        // What a user keeps beside the output, and staging left by the killed job.
        FileSystem fs = new org.apache.hadoop.fs.Path(output).getFileSystem(conf);
        write(fs, output + "/notes.txt", "my notes");
        write(fs, output + "/metrics/README.txt", "read me");
        write(fs, output + "/_staging/batch-99/leftover.txt", "half written");

        try (EnricherProcess takeover =
                EnricherProcess.start(logs.resolve(run + "-takeover.log"), concat(arguments, "--once"))) {
            assertThat(takeover.awaitExit(6, TimeUnit.MINUTES))
                    .as("takeover:%n%s", takeover.logTail())
                    .isZero();
            Map<Integer, Long> population = Versions.populationById(conf, output);
            assertThat(population).hasSize(Versions.NEIGHBORHOODS);
            for (int id = 1; id <= Versions.NEIGHBORHOODS; id++) {
                assertThat(population.get(id)).as("Id %d", id).isEqualTo(Versions.estimate(0, id));
            }
            assertThat(read(fs, output + "/notes.txt")).isEqualTo("my notes");
            assertThat(read(fs, output + "/metrics/README.txt")).isEqualTo("read me");
            assertThat(fs.exists(new org.apache.hadoop.fs.Path(output + "/_staging/batch-99")))
                    .isFalse();
            return takeover.log();
        }
    }

    private static void write(FileSystem fs, String file, String text) throws IOException {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(file), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(FileSystem fs, String file) throws IOException {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> concat(List<String> list, String... extra) {
        List<String> result = new ArrayList<>(list);
        result.addAll(List.of(extra));
        return result;
    }
}
