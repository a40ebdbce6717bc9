package org.popsurvey.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.producer.ProduceCommand;
import org.popsurvey.schemas.Topics;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackCluster;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.process.ManagedProcess;
import picocli.CommandLine;

/**
 * The pipeline of {@code demo --cluster} on the cluster stack (three Kafka nodes, two validators,
 * the enricher's shaded jar submitted to a Spark standalone master with two workers, HDFS with two
 * DataNodes), and four crashes, one after the other in one run, each while rows are produced at a
 * steady pace. After each: every row is a clean record or a dead letter (read_committed), no clean
 * record twice, every clean Id exactly once in {@code neighborhoods/} with its CSV values, and the
 * city population equal to a recomputation from those rows. The first phase, before any crash, is
 * also the CI run of the standalone submission (which a hand-run script used to prove).
 */
class ClusterFailuresIT {

    private static final int NEIGHBORHOODS = 100;
    private static final int PHASES = 5;
    private static final Duration CONVERGE = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private DemoPipeline pipeline;
    private LocalStack stack;
    private StackCluster cluster;
    private ClusterDemo demo;
    private List<String> connection;
    private final Map<String, String[]> expected = new HashMap<>();
    private long produced;

    @Test
    void everyRowIsEnrichedExactlyOnceWhileABrokerAValidatorASparkWorkerAndADataNodeAreKilled() throws Exception {
        DemoData data = DemoData.generate(dir.resolve("input"), NEIGHBORHOODS, 17);
        List<Path> slices = slices(data.populationFile());
        DemoProgress progress = new DemoProgress(new PrintWriter(System.err, true));
        try (DemoPipeline started = new DemoPipeline(RepoRoot.find(), dir.resolve("out"))) {
            pipeline = started;
            stack = pipeline.startClusterStack();
            cluster = stack.cluster().orElseThrow();
            demo = new ClusterDemo(pipeline, stack, RepoRoot.find(), dir.resolve("out"));
            connection = List.of(
                    "--bootstrap-servers",
                    stack.bootstrapServers(),
                    "--schema-registry-url",
                    stack.schemaRegistryUrl());
            pipeline.createTopics(List.of(Topics.RAW, Topics.CLEAN, Topics.DEAD_LETTER));
            topicsAreReplicatedThreeTimesWithTwoInSync();
            String reference = demo.uploadReferenceTables(data.directory());
            List<ManagedProcess> validators =
                    demo.startPipeline(connection, reference, "2s", Duration.ofMinutes(4), progress);

            // Phase 1, nothing killed: the standalone submission works, on both workers and both validators.
            produceAndAwait(slices.get(0), () -> {});
            assertThat(demo.executorsByWorker().values())
                    .as("executors per worker: " + ClusterDemo.describe(demo.executorsByWorker()))
                    .hasSize(2)
                    .allSatisfy(executors -> assertThat(executors).isNotEmpty());
            assertThat(demo.partitionsByValidator())
                    .containsOnlyKeys("validate-1", "validate-2")
                    .allSatisfy((instance, partitions) -> assertThat(partitions).hasSize(1));

            produceAndAwait(slices.get(1), () -> cluster.killKafkaNode(leadRawAndCleanPartitions()));
            produceAndAwait(slices.get(2), () -> pipeline.kill(validators.get(0)));
            assertThat(demo.partitionsByValidator()).containsOnlyKeys("validate-2");
            produceAndAwait(
                    slices.get(3),
                    () -> assertThat(cluster.killSparkWorker(workerRunningAnExecutor()))
                            .isEqualTo(ManagedProcess.StopResult.KILLED));
            produceAndAwait(slices.get(4), () -> cluster.killDataNode(dataNodeHoldingAnOutputReplica()));
        }
    }

    /** Produces one slice at a steady pace, runs the fault a few seconds in, then checks everything. */
    private void produceAndAwait(Path slice, Fault fault) throws Exception {
        CompletableFuture<Integer> producing = CompletableFuture.supplyAsync(() -> produce(slice));
        Thread.sleep(3_000);
        fault.run();
        int exit = producing.get(3, TimeUnit.MINUTES);
        assertThat(exit).as("produce exit code").isZero();
        produced += Files.readAllLines(slice).size() - 1;
        new Accounting(
                        new TopicTally(stack.bootstrapServers()),
                        new ParquetOutput(demo.outputUri()),
                        List.of(dir.resolve("out").resolve("logs").resolve("validate-2.log")))
                .awaitComplete(produced, CONVERGE, pipeline, new DemoProgress(new PrintWriter(System.err, true)));
        everyCleanIdIsEnrichedOnceWithItsValues();
    }

    private int produce(Path slice) {
        CommandLine produce = PopsurveyCommandLine.create(new ProduceCommand());
        produce.setOut(new PrintWriter(new StringWriter(), true));
        List<String> args = new ArrayList<>(connection);
        args.addAll(List.of("--input", slice.toString(), "--batch-size", "4", "--interval", "1s"));
        return produce.execute(args.toArray(String[]::new));
    }

    private void everyCleanIdIsEnrichedOnceWithItsValues() throws IOException {
        TopicTally.Tally clean = new TopicTally(stack.bootstrapServers()).count(Topics.CLEAN);
        long deadLetters = new TopicTally(stack.bootstrapServers())
                .count(Topics.DEAD_LETTER)
                .records();
        assertThat(clean.records())
                .as("no clean record twice")
                .isEqualTo(clean.keys().size());
        assertThat(clean.records() + deadLetters).isEqualTo(produced);

        ParquetOutput output = new ParquetOutput(demo.outputUri());
        List<Map<String, String>> rows = output.read(output.neighborhoods());
        Map<String, Long> perId =
                rows.stream().collect(Collectors.groupingBy(row -> row.get("neighborhood_id"), Collectors.counting()));
        assertThat(perId.keySet()).isEqualTo(clean.keys());
        assertThat(perId.values()).as("every Id exactly once").containsOnly(1L);
        double moeSquares = 0;
        long population = 0;
        for (Map<String, String> row : rows) {
            String[] cells = expected.get(row.get("neighborhood_id"));
            assertThat(row.get("neighborhood")).isEqualTo(cells[0]);
            assertThat(Long.parseLong(row.get("population"))).isEqualTo((long) Double.parseDouble(cells[2]));
            assertThat(Double.parseDouble(row.get("population_moe")))
                    .isCloseTo(Double.parseDouble(cells[3]), within(1e-9));
            population += Long.parseLong(row.get("population"));
            moeSquares += Math.pow(Double.parseDouble(cells[3]), 2);
        }
        Map<String, String> city = output.read(output.metrics().get("city_totals")).stream()
                .filter(row -> "population".equals(row.get("metric")))
                .findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(city.get("estimate"))).isEqualTo((double) population);
        assertThat(Double.parseDouble(city.get("moe"))).isCloseTo(Math.sqrt(moeSquares), within(1e-6));
    }

    private void topicsAreReplicatedThreeTimesWithTwoInSync() throws Exception {
        try (Admin admin = admin()) {
            for (TopicDescription topic : admin.describeTopics(List.of(Topics.RAW, Topics.CLEAN, Topics.DEAD_LETTER))
                    .allTopicNames()
                    .get(1, TimeUnit.MINUTES)
                    .values()) {
                assertThat(topic.partitions())
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }
            ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RAW);
            Config config = admin.describeConfigs(List.of(raw))
                    .all()
                    .get(1, TimeUnit.MINUTES)
                    .get(raw);
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())
                    .isEqualTo("2");
        }
    }

    /**
     * Makes one node the leader of every raw and clean partition (its replicas put first, then a
     * preferred-leader election) and returns its id: killing it moves every leader the pipeline uses.
     */
    private int leadRawAndCleanPartitions() throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.RAW, Topics.CLEAN))
                    .allTopicNames()
                    .get(1, TimeUnit.MINUTES);
            int target = topics.get(Topics.RAW).partitions().get(0).leader().id();
            Map<TopicPartition, java.util.Optional<NewPartitionReassignment>> moves = new HashMap<>();
            for (TopicDescription topic : topics.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    List<Integer> replicas = new ArrayList<>(List.of(target));
                    partition.replicas().stream()
                            .map(Node::id)
                            .filter(id -> id != target)
                            .forEach(replicas::add);
                    moves.put(
                            new TopicPartition(topic.name(), partition.partition()),
                            java.util.Optional.of(new NewPartitionReassignment(replicas)));
                }
            }
            admin.alterPartitionReassignments(moves).all().get(1, TimeUnit.MINUTES);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!ledBy(admin, target)) {
                admin.electLeaders(ElectionType.PREFERRED, moves.keySet())
                        .partitions()
                        .get(1, TimeUnit.MINUTES);
                assertThat(System.nanoTime())
                        .as("node %d leads raw and clean", target)
                        .isLessThan(deadline);
                Thread.sleep(500);
            }
            return target;
        }
    }

    private static boolean ledBy(Admin admin, int node) throws Exception {
        return admin
                .describeTopics(List.of(Topics.RAW, Topics.CLEAN))
                .allTopicNames()
                .get(1, TimeUnit.MINUTES)
                .values()
                .stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition ->
                        partition.leader() != null && partition.leader().id() == node);
    }

    /** A worker whose executor of the enricher is running now (index into the stack's workers). */
    private int workerRunningAnExecutor() throws Exception {
        var probe = cluster.spark().probe();
        for (var worker : probe.workers()) {
            if (worker.alive() && probe.executors(worker).stream().anyMatch(executor -> executor.running())) {
                return cluster.spark().workerPorts().indexOf(worker.port());
            }
        }
        throw new AssertionError("No worker runs an executor: " + ClusterDemo.describe(demo.executorsByWorker()));
    }

    /** A DataNode holding a block of a neighborhoods/ file (index into the stack's DataNodes). */
    private int dataNodeHoldingAnOutputReplica() throws IOException {
        org.apache.hadoop.fs.Path neighborhoods =
                new org.apache.hadoop.fs.Path(demo.outputUri().toString() + "/" + ParquetOutput.NEIGHBORHOODS);
        try (FileSystem fs = FileSystem.newInstance(demo.outputUri(), new Configuration())) {
            for (FileStatus file : fs.listStatus(neighborhoods)) {
                if (file.isFile() && file.getPath().getName().endsWith(".parquet")) {
                    for (BlockLocation block : fs.getFileBlockLocations(file, 0, file.getLen())) {
                        assertThat(block.getNames())
                                .as("replicas of " + file.getPath())
                                .hasSize(2);
                        int port = Integer.parseInt(block.getNames()[0].replaceFirst(".*:", ""));
                        return cluster.hdfs().dataNodePorts().indexOf(port);
                    }
                }
            }
        }
        throw new AssertionError("No Parquet file with a block under " + neighborhoods);
    }

    /** The population file cut into {@value #PHASES} files of distinct Ids, each with the header; expected values kept. */
    private List<Path> slices(Path population) throws IOException {
        List<String> lines = Files.readAllLines(population, StandardCharsets.US_ASCII);
        String header = lines.get(0);
        List<String> rows = lines.subList(1, lines.size());
        for (String row : rows) {
            try (Reader reader = new java.io.StringReader(row)) {
                for (CSVRecord record : CSVFormat.DEFAULT.parse(reader)) {
                    if (record.size() == 4) {
                        expected.put(record.get(1), record.values());
                    }
                }
            }
        }
        List<Path> slices = new ArrayList<>();
        int size = (rows.size() + PHASES - 1) / PHASES;
        for (int i = 0; i < PHASES; i++) {
            List<String> slice = new ArrayList<>(List.of(header));
            slice.addAll(rows.subList(i * size, Math.min(rows.size(), (i + 1) * size)));
            slices.add(Files.write(dir.resolve("slice-" + (i + 1) + ".csv"), slice, StandardCharsets.US_ASCII));
        }
        Set<String> ids = new HashSet<>(expected.keySet());
        assertThat(ids).hasSizeGreaterThanOrEqualTo(NEIGHBORHOODS);
        return slices;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    @FunctionalInterface
    private interface Fault {
        void run() throws Exception;
    }
}
