package org.popsurvey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConnectionOptionsTest {

    @Command(name = "probe")
    static class Probe {
        @Mixin
        ConnectionOptions connection;
    }

    private static ConnectionOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.connection;
    }

    @Test
    void defaultsPointAtTheLocalStack() {
        Map<String, Object> config = parse().clientConfig();
        assertThat(config)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7")
                .hasSize(2);
    }

    @Test
    void fileIsPassedThroughAndCommandLineWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                bootstrap.servers=broker-a:9093
                schema.registry.url=https://registry:8081
                security.protocol=SASL_SSL
                basic.auth.user.info=alice:secret
                """);
        Map<String, Object> fromFile = parse("--config", file.toString()).clientConfig();
        assertThat(fromFile)
                .containsEntry("bootstrap.servers", "broker-a:9093")
                .containsEntry("schema.registry.url", "https://registry:8081")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("basic.auth.user.info", "alice:secret");

        Map<String, Object> overridden = parse("--config", file.toString(), "--bootstrap-servers", "127.0.0.1:19092")
                .clientConfig();
        assertThat(overridden)
                .containsEntry("bootstrap.servers", "127.0.0.1:19092")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void missingConfigFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> parse("--config", missing.toString()).clientConfig())
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("--config");
    }
}
