package org.popsurvey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class RefusedSettingsTest {

    @Command(name = "probe")
    static class Probe implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            connection.clientConfig();
            return 0;
        }
    }

    @Test
    void aRefusedSettingInTheConfigFileIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nconsumer.isolation.level=read_uncommitted\n");
        StringWriter err = new StringWriter();
        CommandLine commandLine = PopsurveyCommandLine.create(new Probe());
        commandLine.setErr(new PrintWriter(err));

        int exit = commandLine.execute("--config", file.toString());

        assertThat(exit).isEqualTo(PopsurveyCommandLine.EXIT_USAGE);
        assertThat(err.toString().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .startsWith("error: --config " + file)
                .contains("consumer.isolation.level=read_uncommitted")
                .contains("aborted transactions")
                .contains("allowed: read_committed");
    }

    @Test
    void allowedValuesAndUnrelatedSettingsPass() {
        assertThatCode(() -> RefusedSettings.check(
                        Map.of(
                                "acks",
                                "all",
                                "producer.acks",
                                "-1",
                                "isolation.level",
                                "READ_COMMITTED",
                                "enable.idempotence",
                                "true",
                                "kafka.auto.offset.reset",
                                "earliest",
                                "processing.guarantee",
                                "exactly_once_v2",
                                "security.protocol",
                                "SASL_SSL",
                                "compression.type",
                                "zstd"),
                        "test"))
                .doesNotThrowAnyException();
    }

    @Test
    void everyPrefixedFormIsRefusedToo() {
        for (String key : new String[] {
            "acks",
            "producer.acks",
            "main.consumer.isolation.level",
            "kafka.isolation.level",
            "restore.consumer.auto.offset.reset"
        }) {
            assertThatThrownBy(() -> RefusedSettings.check(Map.of(key, "1"), "test"))
                    .as(key)
                    .isInstanceOf(RefusedSettings.RefusedSettingException.class)
                    .hasMessageContaining(key);
        }
    }

    @Test
    void settingsRefusedWhateverTheirValueAskToBeRemoved() {
        assertThatThrownBy(() -> RefusedSettings.check(
                        Map.of(
                                "default.deserialization.exception.handler",
                                "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler"),
                        "--config f"))
                .hasMessageContaining("remove it");
        assertThatThrownBy(() -> RefusedSettings.check(Map.of("enable.idempotence", "false"), "--config f"))
                .hasMessageContaining("enable.idempotence=false")
                .hasMessageContaining("allowed: true");
        assertThatThrownBy(() -> RefusedSettings.check(Map.of("partitioner.class", "x.Y"), "--config f"))
                .hasMessageContaining("partitioner.class");
        assertThatThrownBy(() -> RefusedSettings.check(Map.of("interceptor.classes", "x.Y"), "--config f"))
                .hasMessageContaining("interceptor");
    }
}
