package org.popsurvey.stack.cli;

import java.io.PrintWriter;
import org.popsurvey.stack.ClusterSettings;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackCluster;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.process.StackException;
import picocli.CommandLine.Option;

/** {@code stack up --cluster} and its sizes. */
public final class ClusterOptions {

    @Option(
            names = "--cluster",
            description = "Start a cluster instead: Kafka nodes (each a broker and a KRaft controller; topics get "
                    + "replication factor 3 and min.insync.replicas=2), a Spark standalone master and workers, and "
                    + "HDFS with several DataNodes (dfs.replication=2).")
    boolean cluster;

    @Option(
            names = "--brokers",
            paramLabel = "N",
            defaultValue = "" + ClusterSettings.DEFAULT_BROKERS,
            description = "Kafka nodes of the cluster, on the Kafka port and the ports after it (default: "
                    + "${DEFAULT-VALUE}).")
    int brokers;

    @Option(
            names = "--spark-workers",
            paramLabel = "N",
            defaultValue = "" + ClusterSettings.DEFAULT_SPARK_WORKERS,
            description = "Spark workers of the cluster, one core each (default: ${DEFAULT-VALUE}; master on 127.0.0.1:"
                    + ClusterSettings.DEFAULT_SPARK_MASTER_PORT + ", web UI " + ClusterSettings.DEFAULT_SPARK_WEB_PORT
                    + ").")
    int sparkWorkers;

    @Option(
            names = "--datanodes",
            paramLabel = "N",
            defaultValue = "" + ClusterSettings.DEFAULT_DATANODES,
            description = "HDFS DataNodes of the cluster (default: ${DEFAULT-VALUE}).")
    int dataNodes;

    StackSettings.Builder applyTo(StackSettings.Builder builder, int kafkaPort) {
        boolean sized = brokers != ClusterSettings.DEFAULT_BROKERS
                || sparkWorkers != ClusterSettings.DEFAULT_SPARK_WORKERS
                || dataNodes != ClusterSettings.DEFAULT_DATANODES;
        if (sized && !cluster) {
            throw new StackException("--brokers, --spark-workers and --datanodes size a cluster: add --cluster.");
        }
        if (cluster) {
            builder.cluster(ClusterSettings.fixedPorts(kafkaPort, brokers, sparkWorkers, dataNodes));
        }
        return builder;
    }

    /** The cluster's own connection settings, after the stack's. */
    static void describe(LocalStack stack, PrintWriter out) {
        stack.cluster().map(StackCluster::spark).ifPresent(spark -> {
            out.println("  Spark master: " + spark.masterUrl() + "  (web UI and /json: " + spark.webUrl() + ")");
        });
    }
}
