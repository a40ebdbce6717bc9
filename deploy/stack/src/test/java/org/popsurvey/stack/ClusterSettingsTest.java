package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.stack.process.StackException;

class ClusterSettingsTest {

    @TempDir
    Path stateDir;

    @Test
    void fixedPortsPutEachKafkaNodeAndItsControllerOnConsecutivePortsFromTheKafkaPort() {
        ClusterSettings cluster = ClusterSettings.fixedPorts(9092, 3, 2, 2);

        assertThat(cluster.brokerPorts()).containsExactly(9092, 9094, 9096);
        assertThat(cluster.controllerPorts()).containsExactly(9093, 9095, 9097);
        assertThat(cluster.sparkMasterPort()).isEqualTo(7077);
        assertThat(cluster.sparkWebPort()).isEqualTo(8080);
        assertThat(cluster.sparkWorkerPorts()).containsExactly(7078, 7079);
        assertThat(cluster.dataNodePorts()).containsExactly(9866, 9876);
    }

    @Test
    void freePortsKeepTheSizesAndGiveEveryProcessItsOwnPort() {
        ClusterSettings cluster = ClusterSettings.fixedPorts(9092, 3, 2, 2).onFreePorts();

        assertThat(cluster.brokers()).isEqualTo(3);
        assertThat(cluster.sparkWorkers()).isEqualTo(2);
        assertThat(cluster.dataNodes()).isEqualTo(2);
        Set<Integer> all = new HashSet<>(cluster.brokerPorts());
        all.addAll(cluster.controllerPorts());
        all.addAll(cluster.sparkWorkerPorts());
        all.addAll(cluster.dataNodePorts());
        all.addAll(List.of(cluster.sparkMasterPort(), cluster.sparkWebPort()));
        assertThat(all).hasSize(3 + 3 + 2 + 2 + 2);
    }

    @Test
    void aClusterIsRecordedForStatusAndDownAndTheFirstNodeIsTheKafkaPort() throws Exception {
        ClusterSettings cluster = ClusterSettings.fixedPorts(19092, 3, 2, 2);
        StackSettings.builder(stateDir).cluster(cluster).build().store();

        StackSettings recorded = StackSettings.recorded(stateDir).orElseThrow().build();

        assertThat(recorded.cluster()).contains(cluster);
        assertThat(recorded.hdfs()).as("a cluster has HDFS").isTrue();
        assertThat(recorded.kafkaPort()).isEqualTo(19092);
        assertThat(recorded.controllerPort()).isEqualTo(19093);
    }

    @Test
    void aSingleNodeStackRecordsNoCluster() throws Exception {
        StackSettings.builder(stateDir).build().store();

        assertThat(StackSettings.recorded(stateDir).orElseThrow().build().cluster())
                .isEmpty();
    }

    @Test
    void aSizeBelowOneIsRefusedNamingTheOptions() {
        assertThatThrownBy(() -> ClusterSettings.fixedPorts(9092, 0, 2, 2))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--brokers, --spark-workers and --datanodes must each be at least 1");
    }
}
