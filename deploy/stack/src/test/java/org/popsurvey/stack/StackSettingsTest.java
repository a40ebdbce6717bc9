package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSettingsTest {

    @TempDir
    Path stateDir;

    @Test
    void controllerPortDefaultsToKafkaPortPlusOne() {
        assertThat(StackSettings.builder(stateDir).kafkaPort(19092).build().controllerPort())
                .isEqualTo(19093);
        assertThat(StackSettings.builder(stateDir).build().controllerPort())
                .isEqualTo(StackSettings.DEFAULT_KAFKA_PORT + 1);
    }

    @Test
    void recordedSettingsComeBackAsStored() throws Exception {
        StackSettings.builder(stateDir)
                .kafkaPort(19092)
                .controllerPort(19999)
                .registryPort(18081)
                .hdfs(true)
                .namenodePort(18020)
                .namenodeHttpPort(19870)
                .build()
                .store();

        StackSettings recorded = StackSettings.recorded(stateDir).orElseThrow().build();

        assertThat(recorded.kafkaPort()).isEqualTo(19092);
        assertThat(recorded.controllerPort()).isEqualTo(19999);
        assertThat(recorded.registryPort()).isEqualTo(18081);
        assertThat(recorded.hdfs()).isTrue();
        assertThat(recorded.namenodePort()).isEqualTo(18020);
        assertThat(recorded.namenodeHttpPort()).isEqualTo(19870);
    }

    @Test
    void nothingRecordedInAnEmptyFolder() {
        assertThat(StackSettings.recorded(stateDir)).isEmpty();
    }
}
