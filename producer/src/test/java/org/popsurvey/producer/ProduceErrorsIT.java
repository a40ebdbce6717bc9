package org.popsurvey.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.testkit.RealKafkaStack;

/** Bad input and unreachable services: one clear error line, a non-zero exit, nothing sent. */
class ProduceErrorsIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    @TempDir
    Path dir;

    @Test
    void wrongHeader() throws IOException {
        Path csv = Files.writeString(dir.resolve("pop.csv"), "Neighborhood,Id,Population,MOE\r\nA,1,2,3\r\n");
        CommandRun run = produce(csv, STACK.bootstrapServers(), STACK.schemaRegistryUrl());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("error: Wrong header in " + csv)
                .contains("column 3: expected 'Estimate; Total', found 'Population'")
                .doesNotContain("\tat ");
    }

    @Test
    void missingFile() {
        Path csv = dir.resolve("absent.csv");
        CommandRun run = produce(csv, STACK.bootstrapServers(), STACK.schemaRegistryUrl());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: Input file not found: " + csv.toAbsolutePath());
    }

    @Test
    void unreachableRegistryIsNamedAfterBoundedRetries() throws IOException {
        Path csv = TestFiles.population(dir, 3);
        String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
        Path config = Files.writeString(dir.resolve("client.properties"), "max.retries=1\nretries.wait.ms=50\n");
        CommandRun run = CommandRun.produce(
                "--input",
                csv.toString(),
                "--interval",
                "0",
                "--config",
                config.toString(),
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                url);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("error: Schema registry unreachable at [" + url + "]")
                .contains("--schema-registry-url");
    }

    @Test
    void unreachableBrokerIsNamed() throws IOException {
        Path csv = TestFiles.population(dir, 3);
        String servers = "127.0.0.1:" + closedPort();
        CommandRun run = produce(csv, servers, STACK.schemaRegistryUrl());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: Kafka broker unreachable at " + servers);
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Path csv = TestFiles.population(dir, 3);
        CommandRun run = CommandRun.produce("--input", csv.toString(), "--interval", "ten");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--interval").contains("not a duration");
        CommandRun zero = CommandRun.produce("--input", csv.toString(), "--batch-size", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).startsWith("--batch-size must be at least 1");
    }

    @Test
    void whereClientsDoNotRegisterSchemasAMissingOneStopsTheRunNamingSubjectAndRegistryAndARegisteredOneIsUsed()
            throws IOException, InterruptedException {
        Path csv = TestFiles.population(dir, 3);
        String topic = "no-auto-register-" + UUID.randomUUID().toString().substring(0, 8);
        Path config = Files.writeString(dir.resolve("client.properties"), "auto.register.schemas=false\n");
        String[] args = {
            "--input",
            csv.toString(),
            "--interval",
            "0",
            "--topic",
            topic,
            "--config",
            config.toString(),
            "--bootstrap-servers",
            STACK.bootstrapServers(),
            "--schema-registry-url",
            STACK.schemaRegistryUrl()
        };

        CommandRun refused = CommandRun.produce(args);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: Schema org.popsurvey.schemas.RawPopulationRow is not registered under subject "
                        + topic + "-value at " + STACK.schemaRegistryUrl())
                .contains("./popsurvey schemas register");
        SchemaRegistryClient registry =
                SchemaRegistryClient.fromConfig(Map.of("schema.registry.url", STACK.schemaRegistryUrl()));
        assertThat(registry.versions(topic + "-value"))
                .as("the producer registered nothing")
                .isEmpty();

        int id = registry.register(topic + "-value", RawPopulationRow.getClassSchema());
        CommandRun accepted = CommandRun.produce(args);

        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(registry.versions(topic + "-value")).containsExactly(1);
        List<RawTopicReader.Decoded> sent =
                new RawTopicReader(STACK.bootstrapServers(), STACK.schemaRegistryUrl()).readAll(topic);
        assertThat(sent)
                .hasSize(3)
                .allSatisfy(record -> assertThat(record.schemaId()).isEqualTo(id));
    }

    private static CommandRun produce(Path csv, String servers, String registry) {
        return CommandRun.produce(
                "--input",
                csv.toString(),
                "--interval",
                "0",
                "--bootstrap-servers",
                servers,
                "--schema-registry-url",
                registry);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
