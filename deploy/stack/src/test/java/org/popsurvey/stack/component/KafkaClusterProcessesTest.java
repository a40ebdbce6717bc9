package org.popsurvey.stack.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterProcessesTest {

    @TempDir
    Path stateDir;

    @Test
    void threeNodesFormOneQuorumAndReplicateEveryTopicThreeTimesWithTwoInSync() {
        KafkaClusterProcesses kafka = new KafkaClusterProcesses(
                stateDir, List.of(9092, 9094, 9096), List.of(9093, 9095, 9097), Runtimes.locate(stateDir));

        Map<String, String> node2 = kafka.config(2);

        assertThat(node2)
                .containsEntry("node.id", "2")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false");
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
    }

    @Test
    void replicationFollowsASmallerClusterAndStopsAtThree() {
        KafkaClusterProcesses two =
                new KafkaClusterProcesses(stateDir, List.of(1, 3), List.of(2, 4), Runtimes.locate(stateDir));
        KafkaClusterProcesses five = new KafkaClusterProcesses(
                stateDir, List.of(1, 3, 5, 7, 9), List.of(2, 4, 6, 8, 10), Runtimes.locate(stateDir));

        assertThat(two.config(1))
                .containsEntry("default.replication.factor", "2")
                .containsEntry("min.insync.replicas", "1");
        assertThat(five.config(5))
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2");
    }
}
