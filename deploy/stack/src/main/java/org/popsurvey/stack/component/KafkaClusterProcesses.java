package org.popsurvey.stack.component;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.popsurvey.stack.process.JavaCommand;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.stack.process.StackException;

/**
 * A KRaft Kafka cluster on 127.0.0.1: N nodes, each both a broker and a voter of the controller
 * quorum (combined mode). Combined, because a quorum of three survives the loss of any one node,
 * the active controller included, with three JVMs; one dedicated controller and three brokers
 * would be four JVMs and a controller whose loss stops every leader election.
 *
 * <p>Replication follows the cluster's size: every topic created with the broker's default gets
 * {@link #replicationFactor()} replicas and {@code min.insync.replicas} one less (3 and 2 for
 * three nodes), so a write acknowledged by {@code acks=all} survives the loss of a node. The
 * internal topics (offsets, transactions) get the same. Threads and internal partitions are
 * fewer than Kafka's defaults: three brokers share two cores with everything else here.
 */
public final class KafkaClusterProcesses implements StackComponent {

    public static final String NAME = "kafka-cluster";
    /** Node {@code i} (from 1) is the process {@code kafka-broker-i}, with {@code node.id=i}. */
    public static final String NODE_PREFIX = KafkaBrokerProcess.NAME + "-";

    /** Small heaps, and C1 only: a dozen JVMs compiling at once would starve two cores for minutes. */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private static final List<String> TOOL_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final String META_PROPERTIES = "meta.properties";
    private static final int MAX_REPLICATION = 3;
    /** Kafka's defaults are 50 each: 150 replicas per internal topic on three nodes is slow to start here. */
    private static final String INTERNAL_TOPIC_PARTITIONS = "10";

    private final List<Integer> ports;
    private final List<Integer> controllerPorts;
    private final Runtimes runtimes;
    private final Path dir;
    private final List<ManagedProcess> nodes = new ArrayList<>();

    public KafkaClusterProcesses(Path stateDir, List<Integer> ports, List<Integer> controllerPorts, Runtimes runtimes) {
        this.ports = List.copyOf(ports);
        this.controllerPorts = List.copyOf(controllerPorts);
        this.runtimes = runtimes;
        this.dir = stateDir.resolve(NAME);
        for (int node = 1; node <= ports.size(); node++) {
            nodes.add(new ManagedProcess(NODE_PREFIX + node, stateDir));
        }
    }

    /** Every node's listener: a client needs only one, but any one may be down. */
    public String bootstrapServers() {
        return ports.stream().map(port -> Ports.HOST + ":" + port).collect(Collectors.joining(","));
    }

    /** Replicas of every topic created with the broker's default: the node count, at most three. */
    public int replicationFactor() {
        return Math.min(MAX_REPLICATION, ports.size());
    }

    /** Replicas that must have a write before {@code acks=all} succeeds: one fewer than the replicas. */
    public int minInsyncReplicas() {
        return Math.max(1, replicationFactor() - 1);
    }

    /** The process of the node with this {@code node.id} (from 1). */
    public ManagedProcess node(int nodeId) {
        return nodes.get(nodeId - 1);
    }

    /** Starts one node again (after a kill) on its ports with its data, without waiting. */
    public void relaunch(int nodeId, LaunchMode mode) {
        Ports.requireDistinctAndFree(List.of(
                new PortUse(ports.get(nodeId - 1), "Kafka broker " + nodeId, "--kafka-port"),
                new PortUse(controllerPorts.get(nodeId - 1), "Kafka controller " + nodeId, "--controller-port")));
        nodes.get(nodeId - 1).start(startCommand(nodeId), mode);
    }

    /** Waits until the node with this id answers and sees the whole cluster. */
    public Duration awaitNodeReady(int nodeId, Duration timeout) {
        // The status timeout per attempt: three brokers starting together answer slowly on a busy machine.
        try (BrokerProbe probe =
                new BrokerProbe(ports.get(nodeId - 1), BrokerProbe.STATUS_TIMEOUT, Map.of(), ports.size())) {
            return nodes.get(nodeId - 1).awaitReady(probe, timeout, Ports.HOST + ":" + ports.get(nodeId - 1));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PortUse> ports() {
        List<PortUse> uses = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            uses.add(new PortUse(ports.get(i), "Kafka broker " + (i + 1), "--kafka-port"));
            uses.add(new PortUse(controllerPorts.get(i), "Kafka controller " + (i + 1), "--kafka-port"));
        }
        return uses;
    }

    @Override
    public void checkRuntime() {
        runtimes.kafkaClassPath();
    }

    @Override
    public void clearData() {
        Directories.deleteRecursively(dir);
    }

    @Override
    public void launch(LaunchMode mode) {
        String clusterId = Uuid.randomUuid().toString(); // one id for every node: they form one cluster
        for (int node = 1; node <= nodes.size(); node++) {
            Path config = writeConfig(node);
            if (!Files.exists(dataDir(node).resolve(META_PROPERTIES))) {
                nodes.get(node - 1)
                        .runToCompletion(
                                "formatting storage " + dataDir(node),
                                new JavaCommand(
                                        TOOL_JVM_OPTIONS,
                                        runtimes.kafkaClassPath(),
                                        KafkaBrokerProcess.STORAGE_TOOL,
                                        List.of("format", "-t", clusterId, "-c", config.toString())),
                                FORMAT_TIMEOUT);
            }
        }
        for (int node = 1; node <= nodes.size(); node++) {
            nodes.get(node - 1).start(startCommand(node), mode);
        }
    }

    @Override
    public Duration awaitReady(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Duration slowest = Duration.ZERO;
        for (int node = 1; node <= nodes.size(); node++) {
            Duration ready = awaitNodeReady(node, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            slowest = ready.compareTo(slowest) > 0 ? ready : slowest;
        }
        return slowest;
    }

    @Override
    public List<ManagedProcess> processes() {
        return List.copyOf(nodes);
    }

    @Override
    public List<ComponentStatus> status() {
        List<ComponentStatus> status = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            boolean reachable;
            try (BrokerProbe probe = new BrokerProbe(ports.get(i), BrokerProbe.STATUS_TIMEOUT, Map.of())) {
                reachable = probe.isReady();
            } catch (Exception e) {
                reachable = false;
            }
            status.add(ProcessComponents.status(
                    nodes.get(i),
                    Ports.HOST + ":" + ports.get(i) + " (controller " + Ports.HOST + ":" + controllerPorts.get(i) + ")",
                    reachable));
        }
        return status;
    }

    /**
     * SIGTERM to every node at once, then waits for each: stopped one after another, the last
     * nodes would lack a controller quorum for their controlled shutdown and wait for the kill.
     */
    @Override
    public List<StopReport> stop() {
        nodes.forEach(node -> node.running().ifPresent(ProcessHandle::destroy));
        return ProcessComponents.stopInReverse(processes());
    }

    /** The configuration of node {@code nodeId}: broker and controller, one vote of the quorum. */
    Map<String, String> config(int nodeId) {
        Map<String, String> config = KafkaNodeConfig.of(
                nodeId,
                ports.get(nodeId - 1),
                controllerPorts,
                dataDir(nodeId),
                replicationFactor(),
                minInsyncReplicas());
        config.put("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        config.put("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        // A lost replica is never made leader: it could lack acknowledged writes.
        config.put("unclean.leader.election.enable", "false");
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "2");
        config.put("background.threads", "2");
        return config;
    }

    private JavaCommand startCommand(int nodeId) {
        return new JavaCommand(
                JVM_OPTIONS,
                runtimes.kafkaClassPath(),
                KafkaBrokerProcess.MAIN_CLASS,
                List.of(configFile(nodeId).toString()));
    }

    private Path dataDir(int nodeId) {
        return dir.resolve("node-" + nodeId).resolve("data");
    }

    private Path configFile(int nodeId) {
        return dir.resolve("node-" + nodeId).resolve("server.properties");
    }

    private Path writeConfig(int nodeId) {
        Path file = configFile(nodeId);
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write(
                        "# Written by popsurvey stack --cluster; rewritten at each start." + System.lineSeparator());
                for (Map.Entry<String, String> entry : config(nodeId).entrySet()) {
                    writer.write(entry.getKey() + "=" + entry.getValue() + System.lineSeparator());
                }
            }
            return file;
        } catch (IOException e) {
            throw new StackException("Cannot write the Kafka configuration " + file + ": " + e.getMessage(), e);
        }
    }
}
