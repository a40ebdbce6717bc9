package org.popsurvey.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.process.StackException;

/**
 * The sizes and ports of a cluster stack ({@code stack up --cluster}): Kafka nodes (each a broker
 * and a KRaft controller), a Spark standalone master with its workers, and the DataNodes beside
 * the NameNode. Every port is on 127.0.0.1 and fixed before the start, so {@code status} can tell
 * which process is which (a worker by its RPC port, a DataNode by its transfer port).
 *
 * @param brokerPorts     one per Kafka node: its client listener
 * @param controllerPorts one per Kafka node: its controller listener
 * @param sparkMasterPort RPC port of the Spark master ({@code spark://127.0.0.1:PORT})
 * @param sparkWebPort    the master's web UI, whose {@code /json} lists workers and applications
 * @param sparkWorkerPorts one per Spark worker: its RPC port
 * @param dataNodePorts   one per DataNode: its block transfer port ({@code dfs.datanode.address})
 */
public record ClusterSettings(
        List<Integer> brokerPorts,
        List<Integer> controllerPorts,
        int sparkMasterPort,
        int sparkWebPort,
        List<Integer> sparkWorkerPorts,
        List<Integer> dataNodePorts) {

    public static final int DEFAULT_BROKERS = 3;
    public static final int DEFAULT_SPARK_WORKERS = 2;
    public static final int DEFAULT_DATANODES = 2;
    public static final int DEFAULT_SPARK_MASTER_PORT = 7077;
    public static final int DEFAULT_SPARK_WEB_PORT = 8080;
    /** First DataNode transfer port when ports are not chosen free (Hadoop's own default). */
    public static final int DEFAULT_DATANODE_PORT = 9866;

    private static final String BROKER_PORTS = "cluster.broker.ports";
    private static final String CONTROLLER_PORTS = "cluster.controller.ports";
    private static final String SPARK_MASTER_PORT = "cluster.spark.master.port";
    private static final String SPARK_WEB_PORT = "cluster.spark.web.port";
    private static final String SPARK_WORKER_PORTS = "cluster.spark.worker.ports";
    private static final String DATANODE_PORTS = "cluster.datanode.ports";

    public ClusterSettings {
        brokerPorts = List.copyOf(brokerPorts);
        controllerPorts = List.copyOf(controllerPorts);
        sparkWorkerPorts = List.copyOf(sparkWorkerPorts);
        dataNodePorts = List.copyOf(dataNodePorts);
        if (brokerPorts.isEmpty() || brokerPorts.size() != controllerPorts.size()) {
            throw new StackException(
                    "A cluster needs at least one Kafka node, each with a broker and a controller port");
        }
        if (sparkWorkerPorts.isEmpty() || dataNodePorts.isEmpty()) {
            throw new StackException("A cluster needs at least one Spark worker and one DataNode");
        }
    }

    /**
     * Sizes with fixed ports from {@code kafkaPort}: node i listens on {@code kafkaPort + 2i} and
     * its controller on the port after; Spark and the DataNodes take their projects' defaults
     * (workers after the master's port, DataNodes from {@value #DEFAULT_DATANODE_PORT} on).
     */
    public static ClusterSettings fixedPorts(int kafkaPort, int brokers, int sparkWorkers, int dataNodes) {
        requireSizes(brokers, sparkWorkers, dataNodes);
        List<Integer> broker = new ArrayList<>();
        List<Integer> controller = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            broker.add(kafkaPort + 2 * i);
            controller.add(kafkaPort + 2 * i + 1);
        }
        List<Integer> workers = new ArrayList<>();
        for (int i = 0; i < sparkWorkers; i++) {
            workers.add(DEFAULT_SPARK_MASTER_PORT + 1 + i);
        }
        List<Integer> dataNodePorts = new ArrayList<>();
        for (int i = 0; i < dataNodes; i++) {
            dataNodePorts.add(DEFAULT_DATANODE_PORT + 10 * i);
        }
        return new ClusterSettings(
                broker, controller, DEFAULT_SPARK_MASTER_PORT, DEFAULT_SPARK_WEB_PORT, workers, dataNodePorts);
    }

    /** The same sizes on ports the operating system reports free now. */
    public ClusterSettings onFreePorts() {
        int brokers = brokerPorts.size();
        List<Integer> free = Ports.freePorts(2 * brokers + 2 + sparkWorkerPorts.size() + dataNodePorts.size());
        int next = 2 * brokers + 2;
        return new ClusterSettings(
                free.subList(0, brokers),
                free.subList(brokers, 2 * brokers),
                free.get(2 * brokers),
                free.get(2 * brokers + 1),
                free.subList(next, next + sparkWorkerPorts.size()),
                free.subList(next + sparkWorkerPorts.size(), free.size()));
    }

    /** The default sizes (three Kafka nodes, two Spark workers, two DataNodes). */
    public static ClusterSettings defaults(int kafkaPort) {
        return fixedPorts(kafkaPort, DEFAULT_BROKERS, DEFAULT_SPARK_WORKERS, DEFAULT_DATANODES);
    }

    public int brokers() {
        return brokerPorts.size();
    }

    public int sparkWorkers() {
        return sparkWorkerPorts.size();
    }

    public int dataNodes() {
        return dataNodePorts.size();
    }

    void store(Properties p) {
        p.setProperty(BROKER_PORTS, join(brokerPorts));
        p.setProperty(CONTROLLER_PORTS, join(controllerPorts));
        p.setProperty(SPARK_MASTER_PORT, Integer.toString(sparkMasterPort));
        p.setProperty(SPARK_WEB_PORT, Integer.toString(sparkWebPort));
        p.setProperty(SPARK_WORKER_PORTS, join(sparkWorkerPorts));
        p.setProperty(DATANODE_PORTS, join(dataNodePorts));
    }

    /** What {@link #store} wrote, if the recorded stack was a cluster. */
    static Optional<ClusterSettings> load(Properties p) {
        if (p.getProperty(BROKER_PORTS) == null) {
            return Optional.empty();
        }
        return Optional.of(new ClusterSettings(
                split(p.getProperty(BROKER_PORTS)),
                split(p.getProperty(CONTROLLER_PORTS)),
                Integer.parseInt(p.getProperty(SPARK_MASTER_PORT)),
                Integer.parseInt(p.getProperty(SPARK_WEB_PORT)),
                split(p.getProperty(SPARK_WORKER_PORTS)),
                split(p.getProperty(DATANODE_PORTS))));
    }

    private static void requireSizes(int brokers, int sparkWorkers, int dataNodes) {
        if (brokers < 1 || sparkWorkers < 1 || dataNodes < 1) {
            throw new StackException("--brokers, --spark-workers and --datanodes must each be at least 1 (given "
                    + brokers + ", " + sparkWorkers + ", " + dataNodes + ")");
        }
    }

    private static String join(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Integer> split(String ports) {
        return Arrays.stream(ports.split(",")).map(Integer::parseInt).toList();
    }
}
