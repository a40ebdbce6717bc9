package org.popsurvey.stack.component;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The settings every KRaft node of the stack shares, the single broker's as a cluster node's: one
 * place for the listeners and the replication of the internal topics, sized by the caller.
 */
final class KafkaNodeConfig {

    private KafkaNodeConfig() {}

    /**
     * Node {@code nodeId} (1-based), broker and controller, voting in a quorum of one node per
     * controller port; its topics and internal topics get {@code replicas} copies, of which
     * {@code minInsync} must acknowledge.
     */
    static Map<String, String> of(
            int nodeId, int port, List<Integer> controllerPorts, Path logDir, int replicas, int minInsync) {
        int controllerPort = controllerPorts.get(nodeId - 1);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(nodeId));
        config.put(
                "controller.quorum.voters",
                IntStream.range(0, controllerPorts.size())
                        .mapToObj(i -> (i + 1) + "@" + Ports.HOST + ":" + controllerPorts.get(i))
                        .collect(Collectors.joining(",")));
        config.put(
                "listeners",
                "PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("num.partitions", "1");
        String copies = Integer.toString(replicas);
        String acks = Integer.toString(minInsync);
        config.put("default.replication.factor", copies);
        config.put("min.insync.replicas", acks);
        config.put("offsets.topic.replication.factor", copies);
        config.put("transaction.state.log.replication.factor", copies);
        config.put("transaction.state.log.min.isr", acks);
        config.put("share.coordinator.state.topic.replication.factor", copies);
        config.put("share.coordinator.state.topic.min.isr", acks);
        // Consumers in tests and the demo should not wait 3 s for a group to settle.
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }
}
