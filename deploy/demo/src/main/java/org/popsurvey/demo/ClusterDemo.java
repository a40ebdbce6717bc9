package org.popsurvey.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackCluster;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.component.SparkMasterProbe;
import org.popsurvey.stack.process.JavaCommand;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.validator.ValidatorSettings;

/**
 * The pipeline on a cluster stack: {@value #VALIDATORS} validator instances sharing one
 * {@code application.id} (so one consumer group: the raw topic's partitions are split between
 * them, and a survivor takes over the tasks of one that dies), and the enricher submitted with
 * {@code SparkSubmit} to the standalone master, one executor per worker, reading the reference
 * tables from HDFS and writing its output there. Used by {@code demo --cluster} and its tests.
 */
final class ClusterDemo {

    static final int VALIDATORS = 2;
    static final String VALIDATOR_PREFIX = "validate-";
    static final String ENRICHER = "enrich-submit";
    /** Where the output goes in HDFS. */
    static final String HDFS_OUTPUT = "/popsurvey/output";

    private static final String SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";
    private static final String ENRICH_CLASS = "org.popsurvey.enricher.EnrichCommand";
    private static final String EXECUTOR_MEMORY = "512m";
    private static final String HTTP_HOST = "127.0.0.1";
    private static final int SESSION_TIMEOUT_MS = 10_000;

    private final DemoPipeline pipeline;
    private final LocalStack stack;
    private final StackCluster cluster;
    private final Path repoRoot;
    private final Path outDir;

    ClusterDemo(DemoPipeline pipeline, LocalStack stack, Path repoRoot, Path outDir) {
        this.pipeline = pipeline;
        this.stack = stack;
        this.cluster = stack.cluster()
                .orElseThrow(() -> new IllegalStateException("not a cluster stack: " + stack.settings()));
        this.repoRoot = repoRoot;
        this.outDir = outDir;
    }

    /** The demo's local folder: logs, a copy of the output, the report. */
    Path localOut() {
        return outDir;
    }

    StackCluster cluster() {
        return cluster;
    }

    /** The reference tables put into HDFS, each block on as many DataNodes as the cluster replicates. */
    String uploadReferenceTables(Path localDir) {
        return ReferenceUpload.toHdfs(
                localDir, stack.hdfsUri().orElseThrow(), cluster.hdfs().replication());
    }

    /** The enricher's output folder in HDFS. */
    URI outputUri() {
        return URI.create(stack.hdfsUri().orElseThrow() + HDFS_OUTPUT);
    }

    /**
     * Starts the validators, one after the other (two first starts at once race to set the same
     * subject's registry rule and one gets 409), then submits the enricher; returns once each
     * answers on {@code /health/ready}.
     *
     * @return the validator instances, in order
     */
    List<ManagedProcess> startPipeline(
            List<String> connection, String referenceDir, String trigger, Duration readyTimeout, DemoProgress progress)
            throws InterruptedException {
        List<Integer> httpPorts = Ports.freePorts(VALIDATORS + 1);
        Readiness readiness = new Readiness(pipeline);
        List<ManagedProcess> validators = new ArrayList<>();
        for (int number = 1; number <= VALIDATORS; number++) {
            URI http = URI.create("http://" + HTTP_HOST + ":" + httpPorts.get(number));
            progress.detail(VALIDATOR_PREFIX + number + ": " + http + "/health/ready " + http + "/metrics");
            validators.add(startValidator(number, connection, httpPorts.get(number)));
            readiness.await(VALIDATOR_PREFIX + number, http, readyTimeout);
        }
        progress.step(
                "enricher",
                "submitting the enricher to " + cluster.spark().masterUrl() + " with reference tables from "
                        + referenceDir + ", output to " + outputUri());
        URI http = URI.create("http://" + HTTP_HOST + ":" + httpPorts.get(0));
        progress.detail("enricher: " + http + "/health/ready " + http + "/metrics");
        List<String> args = new ArrayList<>(connection);
        args.addAll(List.of(
                "--reference-dir",
                referenceDir,
                "--output",
                outputUri().toString(),
                "--trigger",
                trigger,
                "--http-port",
                httpPorts.get(0).toString(),
                "--http-host",
                HTTP_HOST));
        submitEnricher(args);
        readiness.await("enricher", http, readyTimeout);
        return validators;
    }

    /**
     * Starts instance {@code number} (from 1) of the validator: one {@code application.id} for all,
     * its own state folder, HTTP port and {@code client.id} (which names it in the group).
     */
    ManagedProcess startValidator(int number, List<String> connection, int httpPort) {
        String name = VALIDATOR_PREFIX + number;
        Path config = outDir.resolve(name + ".properties");
        try {
            // A killed instance's partitions move after the group's session timeout: 10 s, not 45.
            Files.writeString(
                    config,
                    String.join(
                            System.lineSeparator(),
                            "client.id=" + name,
                            "session.timeout.ms=" + SESSION_TIMEOUT_MS,
                            "heartbeat.interval.ms=" + SESSION_TIMEOUT_MS / 4,
                            ""));
        } catch (IOException e) {
            throw new CommandFailedException("Cannot write " + config + ": " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>(connection);
        args.addAll(List.of(
                "--config",
                config.toString(),
                "--state-dir",
                outDir.resolve(name + "-state").toString(),
                "--stats-interval",
                "2s",
                "--http-port",
                Integer.toString(httpPort),
                "--http-host",
                HTTP_HOST));
        return pipeline.start(name, PipelineProcess.VALIDATOR.javaCommand(repoRoot, args));
    }

    /**
     * Submits the enricher's shaded jar to the standalone master in client mode (the driver is
     * this child JVM), with one single-core executor per worker.
     */
    ManagedProcess submitEnricher(List<String> enricherArgs) {
        Path jar = shadedJar();
        List<String> args = new ArrayList<>(List.of(
                "--master",
                cluster.spark().masterUrl(),
                "--deploy-mode",
                "client",
                "--class",
                ENRICH_CLASS,
                "--name",
                "popsurvey-enricher"));
        Map<String, String> conf = new TreeMap<>(Map.of(
                "spark.executor.memory", EXECUTOR_MEMORY,
                "spark.executor.cores", "1",
                "spark.cores.max", Integer.toString(cluster.spark().workers().size()),
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.ui.enabled", "false",
                "spark.hadoop.dfs.replication", Integer.toString(cluster.hdfs().replication())));
        conf.forEach((key, value) -> args.addAll(List.of("--conf", key + "=" + value)));
        args.add(jar.toString());
        args.addAll(enricherArgs);
        try {
            List<String> jvmOptions = new ArrayList<>(List.of("-Xmx768m", "-Dpopsurvey.home=" + repoRoot));
            jvmOptions.addAll(PipelineProcess.sparkJvmFlags(repoRoot));
            return pipeline.start(
                    ENRICHER,
                    new JavaCommand(
                            jvmOptions, Runtimes.locate(repoRoot).sparkStandaloneClassPath(), SUBMIT_CLASS, args));
        } catch (IOException e) {
            throw new CommandFailedException("The enricher runtime is not built (" + e.getMessage()
                    + "); run 'mvn -B package -DskipTests' in " + repoRoot);
        }
    }

    /** Which worker runs (or ran) which executors of the enricher: worker id to executor ids. */
    Map<String, List<String>> executorsByWorker() throws IOException, InterruptedException {
        SparkMasterProbe probe = cluster.spark().probe();
        Map<String, List<String>> byWorker = new TreeMap<>();
        for (SparkMasterProbe.Worker worker : probe.workers()) {
            if (!worker.alive()) {
                byWorker.put(worker.id() + " (" + worker.state() + ")", List.of());
                continue;
            }
            byWorker.put(
                    worker.id(),
                    probe.executors(worker).stream()
                            .map(e -> e.appId() + "/" + e.executorId() + (e.running() ? "" : " (ended)"))
                            .toList());
        }
        return byWorker;
    }

    /** How the validators' consumer group shares the raw topic's partitions: instance to partitions. */
    Map<String, List<String>> partitionsByValidator() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(
                            List.of(ValidatorSettings.DEFAULT_APPLICATION_ID))
                    .describedGroups()
                    .get(ValidatorSettings.DEFAULT_APPLICATION_ID)
                    .get(30, TimeUnit.SECONDS);
            Map<String, List<String>> byInstance = new TreeMap<>();
            for (MemberDescription member : group.members()) {
                byInstance
                        .computeIfAbsent(instanceOf(member.clientId()), k -> new ArrayList<>())
                        .addAll(member.assignment().topicPartitions().stream()
                                .map(TopicPartition::toString)
                                .sorted()
                                .toList());
            }
            return byInstance;
        } catch (ExecutionException | TimeoutException e) {
            throw new CommandFailedException(
                    "Cannot describe the validators' group " + ValidatorSettings.DEFAULT_APPLICATION_ID + " on "
                            + stack.bootstrapServers() + ": " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while describing the validators' group");
        }
    }

    /** Prints where the work ran: executors per Spark worker, partitions per validator. */
    void printPlacement(PrintWriter out) throws IOException, InterruptedException {
        out.println();
        out.println("Cluster: " + cluster.kafka().processes().size() + " Kafka nodes (replication factor "
                + cluster.kafka().replicationFactor() + ", min.insync.replicas "
                + cluster.kafka().minInsyncReplicas()
                + "), Spark master " + cluster.spark().masterUrl() + ", HDFS "
                + stack.hdfsUri().orElseThrow()
                + " with " + cluster.hdfs().dataNodes().size() + " DataNodes (dfs.replication "
                + cluster.hdfs().replication() + ")");
        out.println("Enricher executors by Spark worker:");
        executorsByWorker().forEach((worker, executors) -> out.printf("  %-44s %s%n", worker, executors));
        out.println("Validator instances (one application.id, " + ValidatorSettings.DEFAULT_APPLICATION_ID
                + ") and the partitions each consumes:");
        partitionsByValidator().forEach((instance, partitions) -> out.printf("  %-12s %s%n", instance, partitions));
        out.flush();
    }

    /** Copies the HDFS output's tables to a local folder, for the report (which reads local files). */
    void copyOutputTo(Path local) {
        Configuration conf = new Configuration();
        try (FileSystem fs = FileSystem.newInstance(outputUri(), conf)) {
            Files.createDirectories(local);
            for (String table : List.of(ParquetOutput.NEIGHBORHOODS, ParquetOutput.METRICS)) {
                fs.copyToLocalFile(
                        false,
                        new org.apache.hadoop.fs.Path(outputUri().toString() + "/" + table),
                        new org.apache.hadoop.fs.Path(local.resolve(table).toUri()),
                        true);
            }
        } catch (IOException e) {
            throw new CommandFailedException(
                    "Cannot copy the output from " + outputUri() + " to " + local + ": " + e.getMessage(), e);
        }
    }

    /** {@code validate-2-StreamThread-1-consumer} is instance {@code validate-2}. */
    static String instanceOf(String clientId) {
        int thread = clientId.indexOf("-StreamThread-");
        return thread > 0 ? clientId.substring(0, thread) : clientId;
    }

    private Path shadedJar() {
        Path target = PipelineProcess.ENRICHER.target(repoRoot);
        try (var files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-spark.jar"))
                    .findFirst()
                    .orElseThrow(() -> new CommandFailedException("No shaded enricher jar (*-spark.jar) in " + target
                            + "; run 'mvn -B package -DskipTests' in " + repoRoot));
        } catch (IOException e) {
            throw new CommandFailedException("Cannot list " + target + ": " + e.getMessage(), e);
        }
    }

    /** For messages: the executor ids per worker, one line. */
    static String describe(Map<String, List<String>> byWorker) {
        return byWorker.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("; "));
    }
}
