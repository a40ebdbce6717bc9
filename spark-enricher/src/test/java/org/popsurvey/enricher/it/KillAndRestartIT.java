package org.popsurvey.enricher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.popsurvey.enricher.testing.AcsData;
import org.popsurvey.enricher.testing.CleanTopic;
import org.popsurvey.enricher.testing.EnricherProcess;
import org.popsurvey.enricher.testing.MiniHdfs;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * kill -9 of the enricher at random moments while records stream in, restart from the HDFS
 * checkpoint each time, then a final {@code --once}: every neighborhood is in
 * {@code neighborhoods/} exactly once, in its latest version, for a plain reader of every Parquet
 * file in the folder; and no duplicate was ever visible while the job was being killed.
 */
class KillAndRestartIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static final int NEIGHBORHOODS = 91;
    private static final int VERSIONS = 12;
    private static final int KILLS = 3;

    private static MiniHdfs hdfs;

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
    void everyNeighborhoodExactlyOnceAfterKillNineAndRestart() throws Exception {
        String topic = "enrich-kill-" + UUID.randomUUID();
        STACK.createTopic(topic, 2);
        String reference = hdfs.path("/reference");
        for (SourceFile file : SourceFile.REFERENCE_TABLES) {
            hdfs.fileSystem()
                    .copyFromLocalFile(
                            new org.apache.hadoop.fs.Path(AcsData.file(file).toString()),
                            new org.apache.hadoop.fs.Path(reference, file.fileName()));
        }
        String output = hdfs.path("/out");
        String checkpoint = hdfs.path("/checkpoint");
        List<String> arguments = List.of(
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl(),
                "--topic",
                topic,
                "--reference-dir",
                reference,
                "--output",
                output,
                "--checkpoint",
                checkpoint,
                "--spark-conf",
                "spark.hadoop.dfs.replication=1",
                "--spark-conf",
                "spark.sql.shuffle.partitions=2");
        // Small batches while it is being killed, so kills land in every phase of the protocol.
        List<String> streaming = concat(arguments, "--trigger", "1s", "--max-records-per-batch", "100");
        Path logs = Files.createDirectories(Path.of("target", "kill-and-restart-it"));
        List<String> duplicatesSeen = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicInteger snapshots = new AtomicInteger();
        Thread watcher = new Thread(
                () -> watchForDuplicates(output + "/neighborhoods", watching, duplicatesSeen, snapshots),
                "duplicate-watcher");
        Thread producer = new Thread(() -> produceVersions(topic), "versions-producer");
        watcher.start();
        producer.start();
        Random random = new Random();
        try {
            for (int kill = 1; kill <= KILLS; kill++) {
                try (EnricherProcess enricher =
                        EnricherProcess.start(logs.resolve("run-" + kill + ".log"), streaming)) {
                    int committedBefore = committedBatches(checkpoint);
                    Awaitility.await("a batch committed by run " + kill)
                            .atMost(Duration.ofMinutes(4))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> committedBatches(checkpoint) > committedBefore || !enricher.isAlive());
                    assertThat(enricher.isAlive())
                            .as("run %d died by itself:%n%s", kill, enricher.logTail())
                            .isTrue();
                    Thread.sleep(random.nextInt(2500));
                    enricher.killNine();
                }
            }
            producer.join(TimeUnit.MINUTES.toMillis(2));
            try (EnricherProcess last =
                    EnricherProcess.start(logs.resolve("run-once.log"), concat(arguments, "--once"))) {
                int exit = last.awaitExit(6, TimeUnit.MINUTES);
                assertThat(exit).as("final --once run:%n%s", last.logTail()).isZero();
            }
        } finally {
            watching.set(false);
            watcher.join(10_000);
            producer.interrupt();
        }

        List<Group> rows = PlainParquet.readFolder(hdfs.conf(), output + "/neighborhoods");
        Map<Integer, Long> populationById = new HashMap<>();
        for (Group row : rows) {
            Long previous = populationById.put(row.getInteger("neighborhood_id", 0), row.getLong("population", 0));
            assertThat(previous)
                    .as("neighborhood %d twice", row.getInteger("neighborhood_id", 0))
                    .isNull();
        }
        assertThat(rows).hasSize(NEIGHBORHOODS);
        for (int id = 1; id <= NEIGHBORHOODS; id++) {
            assertThat(populationById.get(id)).as("latest version of %d", id).isEqualTo(estimate(VERSIONS - 1, id));
        }
        assertThat(duplicatesSeen)
                .as("duplicates visible while running (%d snapshots)", snapshots.get())
                .isEmpty();
        assertThat(snapshots.get()).isPositive();
        assertThat(hdfs.fileSystem().exists(new org.apache.hadoop.fs.Path("/out/_staging"))
                        && hdfs.fileSystem().listStatus(new org.apache.hadoop.fs.Path("/out/_staging")).length > 0)
                .as("staging left after a clean finish")
                .isFalse();
        assertThat(PlainParquet.readFolder(hdfs.conf(), output + "/rejected")).isEmpty();
        long expectedTotal =
                populationById.values().stream().mapToLong(Long::longValue).sum();
        Group population = PlainParquet.readFolder(hdfs.conf(), output + "/metrics/city_totals").stream()
                .filter(g -> g.getString("metric", 0).equals("population"))
                .findFirst()
                .orElseThrow();
        assertThat(population.getDouble("estimate", 0)).isEqualTo((double) expectedTotal);
    }

    /** Version v of neighborhood id: its estimate encodes both, so the latest is recognizable. */
    private static long estimate(int version, int id) {
        return 100_000L * (version + 1) + id;
    }

    private static void produceVersions(String topic) {
        try (CleanTopic clean = new CleanTopic(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic)) {
            for (int version = 0; version < VERSIONS; version++) {
                List<PopulationRecord> records = new ArrayList<>();
                for (int id = 1; id <= NEIGHBORHOODS; id++) {
                    records.add(CleanTopic.record(
                            id,
                            name(id),
                            estimate(version, id),
                            10.0 + version,
                            MarginOfErrorStatus.MEASURED,
                            id + 1L));
                }
                clean.sendAll(records);
                Thread.sleep(1500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<Integer, String> NAMES = new HashMap<>();

    private static synchronized String name(int id) throws Exception {
        if (NAMES.isEmpty()) {
            for (PopulationRecord record : CleanTopic.realRecords(AcsData.file(SourceFile.TOTAL_POPULATION))) {
                NAMES.put(record.getId(), record.getNeighborhood());
            }
        }
        return NAMES.get(id);
    }

    /** Reads the folder as a plain reader would, over and over; records any Id seen twice in one listing. */
    private static void watchForDuplicates(
            String folder, AtomicBoolean watching, List<String> duplicates, AtomicInteger snapshots) {
        while (watching.get()) {
            try {
                List<Group> rows = PlainParquet.readFolder(hdfs.conf(), folder);
                Map<Integer, Integer> counts = new HashMap<>();
                rows.forEach(row -> counts.merge(row.getInteger("neighborhood_id", 0), 1, Integer::sum));
                counts.forEach((id, count) -> {
                    if (count > 1) {
                        duplicates.add("neighborhood " + id + " x" + count);
                    }
                });
                snapshots.incrementAndGet();
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A file replaced while it was being read: that snapshot is torn, take the next one.
            }
        }
    }

    private static int committedBatches(String checkpoint) {
        try {
            org.apache.hadoop.fs.Path commits = new org.apache.hadoop.fs.Path(checkpoint, "commits");
            if (!hdfs.fileSystem().exists(commits)) {
                return 0;
            }
            int count = 0;
            for (FileStatus status : hdfs.fileSystem().listStatus(commits)) {
                if (status.getPath().getName().matches("\\d+")) {
                    count++;
                }
            }
            return count;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static List<String> concat(List<String> list, String... extra) {
        List<String> result = new ArrayList<>(list);
        result.addAll(List.of(extra));
        return result;
    }
}
