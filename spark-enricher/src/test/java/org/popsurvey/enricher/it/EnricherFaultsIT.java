package org.popsurvey.enricher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.testing.AcsData;
import org.popsurvey.enricher.testing.CleanTopic;
import org.popsurvey.enricher.testing.CommittedCount;
import org.popsurvey.enricher.testing.EnricherProcess;
import org.popsurvey.enricher.testing.MiniHdfs;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.enricher.testing.Versions;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * Faults of the enricher's neighbours, with real processes: the broker stopped and started again
 * under a streaming enricher, and the NameNode stopped while a batch is being written to HDFS.
 * Each ends with every neighborhood exactly once, in its latest version, for a plain Parquet
 * reader, and the topic's committed records counted by a {@code read_committed} consumer.
 * A dedicated stack: stopping its broker must not disturb other test classes.
 */
class EnricherFaultsIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.dedicated();

    private static MiniHdfs hdfs;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        AcsData.directory();
        hdfs = MiniHdfs.start();
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void aStreamingEnricherResumesAfterTheBrokerIsStoppedAndStartedAgain() throws Exception {
        String topic = topic("enrich-broker-restart-");
        String output = dir.resolve("out").toString();
        Configuration conf = new Configuration();
        try (EnricherProcess enricher = EnricherProcess.start(
                log("broker-restart.log"),
                arguments(topic, output, dir.resolve("checkpoint").toString(), "--trigger", "1s"))) {
            send(topic, 0);
            awaitVersion(enricher, conf, output, 0);

            STACK.stopBroker();
            Thread.sleep(15_000);
            assertThat(enricher.isAlive())
                    .as("enricher with the broker down:%n%s", enricher.logTail())
                    .isTrue();
            STACK.startBroker();

            send(topic, 1);
            awaitVersion(enricher, conf, output, 1);
            assertThat(enricher.isAlive()).isTrue();
        }
        assertExact(conf, output, topic, 1, 2);
    }

    @Test
    void theNameNodeStoppedDuringABatchFailsTheEnricherClearlyAndARestartMakesTheOutputExact() throws Exception {
        String topic = topic("enrich-namenode-stop-");
        String output = hdfs.path("/namenode-stop/out");
        String checkpoint = hdfs.path("/namenode-stop/checkpoint");
        List<String> streaming = arguments(topic, output, checkpoint, "--trigger", "1s");
        EnricherProcess enricher = EnricherProcess.start(log("namenode-stop-1.log"), streaming);
        try {
            send(topic, 0);
            awaitVersion(enricher, hdfs.conf(), output, 0);

            send(topic, 1);
            // The next trigger (1 s) picks version 1 up; stop the NameNode while that batch runs.
            Thread.sleep(1500);
            hdfs.stopNameNode();
            Thread.sleep(20_000);
            boolean failed = enricher.awaitExit(3, TimeUnit.MINUTES) >= 0;
            hdfs.startNameNode();
            if (failed) {
                // A clear failure: exit 1 and one error line naming the query and the NameNode's port (as
                // 127.0.0.1 or localhost, depending on which HDFS call gave up first).
                assertThat(enricher.awaitExit(0, TimeUnit.SECONDS)).isEqualTo(1);
                assertThat(enricher.log()
                                .lines()
                                .filter(line -> line.startsWith("error: "))
                                .toList())
                        .singleElement()
                        .asString()
                        .startsWith("error: The enrichment query failed")
                        .contains(":" + output.replaceAll("^hdfs://[^/:]+:(\\d+)/.*", "$1"));
                enricher.close();
                enricher = EnricherProcess.start(log("namenode-stop-2.log"), streaming);
            }
            send(topic, 2);
            awaitVersion(enricher, hdfs.conf(), output, 2);
        } finally {
            enricher.close();
        }
        assertExact(hdfs.conf(), output, topic, 2, 3);
        assertThat(hdfs.fileSystem().listStatus(new org.apache.hadoop.fs.Path("/namenode-stop/out/_staging")))
                .as("staging left")
                .isEmpty();
    }

    private static String topic(String prefix) {
        String topic = prefix + UUID.randomUUID();
        STACK.createTopic(topic, 2);
        return topic;
    }

    private static List<String> arguments(String topic, String output, String checkpoint, String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
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
                "spark.sql.shuffle.partitions=2"));
        arguments.addAll(List.of(extra));
        return arguments;
    }

    private static Path log(String name) throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "enricher-faults-it"));
        return logs.resolve(UUID.randomUUID().toString().substring(0, 8) + "-" + name);
    }

    private static void send(String topic, int version) throws Exception {
        try (CleanTopic clean = new CleanTopic(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic)) {
            clean.sendAll(Versions.version(version));
        }
    }

    private static void awaitVersion(EnricherProcess enricher, Configuration conf, String output, int version) {
        Awaitility.await("every neighborhood at version " + version)
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Versions.allAt(conf, output, version) || !enricher.isAlive());
        assertThat(enricher.isAlive())
                .as("enricher stopped:%n%s", enricher.logTail())
                .isTrue();
    }

    /** Parquet exact at {@code version}, city total the sum, and each Id {@code sends} times on the topic. */
    private static void assertExact(Configuration conf, String output, String topic, int version, int sends) {
        Map<Integer, Long> population = Versions.populationById(conf, output);
        assertThat(population).hasSize(Versions.NEIGHBORHOODS);
        long total = 0;
        for (int id = 1; id <= Versions.NEIGHBORHOODS; id++) {
            assertThat(population.get(id)).as("Id %d", id).isEqualTo(Versions.estimate(version, id));
            total += population.get(id);
        }
        Group city = PlainParquet.readFolder(conf, output + "/metrics/city_totals").stream()
                .filter(g -> g.getString("metric", 0).equals("population"))
                .findFirst()
                .orElseThrow();
        assertThat(city.getDouble("estimate", 0)).isEqualTo((double) total);
        assertThat(PlainParquet.readFolder(conf, output + "/rejected")).isEmpty();
        Map<String, Integer> committed = CommittedCount.perKey(STACK.bootstrapServers(), topic, "read_committed");
        assertThat(committed).hasSize(Versions.NEIGHBORHOODS);
        assertThat(committed.values()).allMatch(count -> count == sends);
    }
}
