package org.popsurvey.stack.cli;

import org.popsurvey.stack.StackSettings;
import picocli.CommandLine.Option;

/**
 * Port options of {@code stack up}, {@code status} and {@code down}. Unset options keep what the
 * builder already has: the defaults for {@code up}, the recorded ports for the others.
 */
public final class PortOptions {

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            converter = PortConverter.class,
            description = "Kafka broker port on 127.0.0.1 (default " + StackSettings.DEFAULT_KAFKA_PORT + ").")
    Integer kafkaPort;

    @Option(
            names = "--controller-port",
            paramLabel = "PORT",
            converter = PortConverter.class,
            description = "KRaft controller port on 127.0.0.1 (default: Kafka port + 1).")
    Integer controllerPort;

    @Option(
            names = "--registry-port",
            paramLabel = "PORT",
            converter = PortConverter.class,
            description = "Schema registry port on 127.0.0.1 (default " + StackSettings.DEFAULT_REGISTRY_PORT + ").")
    Integer registryPort;

    @Option(names = "--hdfs", description = "Include HDFS: a NameNode and a DataNode (dfs.replication=1).")
    boolean hdfs;

    @Option(
            names = "--namenode-port",
            paramLabel = "PORT",
            converter = PortConverter.class,
            description = "NameNode RPC port on 127.0.0.1, i.e. hdfs://127.0.0.1:PORT (default "
                    + StackSettings.DEFAULT_NAMENODE_PORT + ").")
    Integer namenodePort;

    @Option(
            names = "--namenode-http-port",
            paramLabel = "PORT",
            converter = PortConverter.class,
            description =
                    "NameNode web/JMX port on 127.0.0.1 (default " + StackSettings.DEFAULT_NAMENODE_HTTP_PORT + ").")
    Integer namenodeHttpPort;

    StackSettings.Builder applyTo(StackSettings.Builder builder) {
        if (kafkaPort != null) {
            builder.kafkaPort(kafkaPort);
            if (controllerPort == null) {
                builder.controllerPort(kafkaPort + 1);
            }
        }
        if (controllerPort != null) {
            builder.controllerPort(controllerPort);
        }
        if (registryPort != null) {
            builder.registryPort(registryPort);
        }
        if (hdfs) {
            builder.hdfs(true);
        }
        if (namenodePort != null) {
            builder.namenodePort(namenodePort);
        }
        if (namenodeHttpPort != null) {
            builder.namenodeHttpPort(namenodeHttpPort);
        }
        return builder;
    }
}
