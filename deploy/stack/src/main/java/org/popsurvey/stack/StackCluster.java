package org.popsurvey.stack;

import java.time.Duration;
import org.popsurvey.stack.component.HdfsProcesses;
import org.popsurvey.stack.component.KafkaClusterProcesses;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.component.SparkStandaloneProcesses;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;

/**
 * The parts of a cluster stack ({@link StackSettings#cluster()}), for whoever submits to it or
 * takes it apart on purpose: the Kafka nodes, the Spark master and workers, HDFS with its
 * DataNodes. Kills are SIGKILL, a crash: nothing is flushed or handed over by the process.
 */
public final class StackCluster {

    private final KafkaClusterProcesses kafka;
    private final SparkStandaloneProcesses spark;
    private final HdfsProcesses hdfs;
    private final LaunchMode launchMode;
    private final Duration startTimeout;

    StackCluster(
            KafkaClusterProcesses kafka,
            SparkStandaloneProcesses spark,
            HdfsProcesses hdfs,
            LaunchMode launchMode,
            Duration startTimeout) {
        this.kafka = kafka;
        this.spark = spark;
        this.hdfs = hdfs;
        this.launchMode = launchMode;
        this.startTimeout = startTimeout;
    }

    static StackCluster create(StackSettings settings, ClusterSettings sizes, HdfsProcesses hdfs, Runtimes runtimes) {
        return new StackCluster(
                new KafkaClusterProcesses(settings.stateDir(), sizes.brokerPorts(), sizes.controllerPorts(), runtimes),
                new SparkStandaloneProcesses(
                        settings.stateDir(),
                        sizes.sparkMasterPort(),
                        sizes.sparkWebPort(),
                        sizes.sparkWorkerPorts(),
                        runtimes),
                hdfs,
                settings.launchMode(),
                settings.startTimeout());
    }

    public KafkaClusterProcesses kafka() {
        return kafka;
    }

    public SparkStandaloneProcesses spark() {
        return spark;
    }

    public HdfsProcesses hdfs() {
        return hdfs;
    }

    /** SIGKILL of the Kafka node with this {@code node.id}; its data stays for a restart. */
    public ManagedProcess.StopResult killKafkaNode(int nodeId) {
        return kafka.node(nodeId).kill();
    }

    /** Starts a killed Kafka node again with its data; returns once it sees the whole cluster. */
    public Duration restartKafkaNode(int nodeId) {
        kafka.relaunch(nodeId, launchMode);
        return kafka.awaitNodeReady(nodeId, startTimeout);
    }

    /** SIGKILL of Spark worker {@code index} (from 0); its executors end with it. */
    public ManagedProcess.StopResult killSparkWorker(int index) {
        return spark.workers().get(index).kill();
    }

    /** SIGKILL of DataNode {@code index} (from 0); its blocks stay on disk. */
    public ManagedProcess.StopResult killDataNode(int index) {
        return hdfs.dataNodes().get(index).kill();
    }
}
