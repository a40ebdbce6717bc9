package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.PortTakenException;
import org.popsurvey.stack.process.StackException;

/**
 * A start that cannot succeed says why, and leaves no process behind; a stack that lost a port it
 * chose itself starts again on new ones.
 *
 * <p>A port is "lost" by taking it as soon as the broker's log exists, which is after the port
 * check and seconds before the broker binds (its storage is formatted first): the real broker then
 * fails to bind, as when another program takes the port in that window.
 */
class FailedStartIT {

    @TempDir
    Path stateDir;

    @AfterEach
    void leaveNothingRunning() {
        LocalStack.attach(StackSettings.builder(stateDir).build(), Runtimes.locate(RepoRoot.find()))
                .stop();
    }

    @Test
    void portInUseIsReportedBeforeAnythingStarts() throws Exception {
        List<Integer> ports = Ports.freePorts(2);
        try (ServerSocket taken = new ServerSocket(ports.get(1), 1, InetAddress.getByName("127.0.0.1"))) {
            CommandRun up = CommandRun.stack(
                    "up",
                    "--kafka-port",
                    ports.get(0).toString(),
                    "--registry-port",
                    Integer.toString(taken.getLocalPort()),
                    "--state-dir",
                    stateDir.toString());

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.err())
                    .contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use", "--registry-port")
                    .doesNotContain("Exception");
        }
        assertThat(Leftovers.processesOf(stateDir)).isEmpty();
        assertThat(Files.exists(stateDir.resolve("kafka-broker.pid"))).isFalse();
    }

    @Test
    void componentThatCannotStartTakesTheOthersDown() throws Exception {
        Path brokenJar =
                Files.writeString(stateDir.resolveSibling(stateDir.getFileName() + "-broken-runner.jar"), "not a jar");
        Runtimes real = Runtimes.locate(RepoRoot.find());
        Runtimes withBrokenRegistry = new Runtimes(
                real.kafkaClassPathFile(), brokenJar, real.hdfsClassPathFile(), real.hdfsResources(), real.buildDir());
        List<Integer> ports = Ports.freePorts(3);
        StackSettings settings = StackSettings.builder(stateDir)
                .kafkaPort(ports.get(0))
                .controllerPort(ports.get(1))
                .registryPort(ports.get(2))
                .startTimeout(Duration.ofSeconds(60))
                .build();

        try {
            assertThatThrownBy(() -> LocalStack.start(settings, withBrokenRegistry))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("schema-registry exited with code 1 before it was ready on http://127.0.0.1:"
                            + ports.get(2))
                    .hasMessageContaining("Log: " + stateDir.resolve("logs").resolve("schema-registry.log"))
                    .hasMessageContaining("Every process started so far was stopped");
        } finally {
            Files.deleteIfExists(brokenJar);
        }
        assertThat(Files.readString(stateDir.resolve("logs").resolve("kafka-broker.log")))
                .as("the broker was started before the registry's failure was seen")
                .contains("starting kafka-broker");
        assertThat(Leftovers.processesOf(stateDir))
                .as("no broker or registry left")
                .isEmpty();
        assertThat(Ports.isFree(ports.get(0))).isTrue();
        assertThat(Ports.isFree(ports.get(1))).isTrue();
    }

    @Test
    void missingRuntimeNamesTheBuildCommand() {
        Runtimes real = Runtimes.locate(RepoRoot.find());
        Path missing = stateDir.resolve("no-such-runtime-classpath.txt");
        Runtimes withoutBroker = new Runtimes(
                missing, real.registryJar(), real.hdfsClassPathFile(), real.hdfsResources(), real.buildDir());
        List<Integer> ports = Ports.freePorts(3);
        StackSettings settings = StackSettings.builder(stateDir)
                .kafkaPort(ports.get(0))
                .controllerPort(ports.get(1))
                .registryPort(ports.get(2))
                .build();

        assertThatThrownBy(() -> LocalStack.start(settings, withoutBroker))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("The Kafka broker runtime is not built: " + missing + " is missing")
                .hasMessageContaining("mvn -B package -DskipTests");
        assertThat(Leftovers.processesOf(stateDir)).isEmpty();
    }

    @Test
    void brokerPortTakenAfterTheCheckIsNamedWithTheBrokersOwnError() throws Exception {
        List<Integer> ports = Ports.freePorts(3);
        StackSettings settings = StackSettings.builder(stateDir)
                .kafkaPort(ports.get(0))
                .controllerPort(ports.get(1))
                .registryPort(ports.get(2))
                .build();
        CompletableFuture<ServerSocket> taker = takeBrokerPortOnceItsLogExists();
        try {
            assertThatThrownBy(() -> LocalStack.start(settings, Runtimes.locate(RepoRoot.find())))
                    .isInstanceOf(PortTakenException.class)
                    .hasMessageContaining(
                            "kafka-broker exited with code 1 before it was ready on 127.0.0.1:" + ports.get(0))
                    .hasMessageContaining("A port was taken by another program after the stack checked it: ")
                    .hasMessageContaining(
                            "First errors in " + stateDir.resolve("logs").resolve("kafka-broker.log"))
                    .hasMessageContaining(ports.get(0) + ": " + PortTakenException.OS_MESSAGE)
                    .hasMessageContaining("Every process started so far was stopped")
                    .satisfies(
                            e -> assertThat(e.getMessage().lines().findFirst().orElseThrow())
                                    .as("the line a retry prints")
                                    .startsWith("kafka-broker exited")
                                    .contains(ports.get(0) + ": " + PortTakenException.OS_MESSAGE));
            assertThat(taker.get(1, TimeUnit.SECONDS).getLocalPort()).isEqualTo(ports.get(0));
        } finally {
            release(taker);
        }
        assertThat(Leftovers.processesOf(stateDir))
                .as("no broker or registry left")
                .isEmpty();
    }

    @Test
    void startOnFreePortsMovesToNewPortsWhenOneIsTaken() throws Exception {
        CompletableFuture<ServerSocket> taker = takeBrokerPortOnceItsLogExists();
        try (LocalStack stack =
                LocalStack.startOnFreePorts(StackSettings.builder(stateDir), Runtimes.locate(RepoRoot.find()))) {
            int taken = taker.get(1, TimeUnit.SECONDS).getLocalPort();
            assertThat(stack.settings().kafkaPort()).isNotEqualTo(taken);
            assertThat(stack.bootstrapServers())
                    .isEqualTo("127.0.0.1:" + stack.settings().kafkaPort());
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .singleElement()
                        .satisfies(node -> assertThat(node.port())
                                .isEqualTo(stack.settings().kafkaPort()));
            }
            String log = Files.readString(stateDir.resolve("logs").resolve("kafka-broker.log"));
            assertThat(log.split("starting kafka-broker", -1))
                    .as("two launches")
                    .hasSize(3);
            assertThat(log).contains(taken + ": " + PortTakenException.OS_MESSAGE);
        } finally {
            release(taker);
        }
        assertThat(Leftovers.processesOf(stateDir)).isEmpty();
    }

    /**
     * Closes the taken port whenever the taker has it, without waiting: a start that failed before
     * the broker's log appeared keeps its own error instead of a timeout here.
     */
    private static void release(CompletableFuture<ServerSocket> taker) {
        taker.thenAccept(socket -> {
            try {
                socket.close();
            } catch (IOException e) {
                // A listening socket nobody connected to closes without losing anything.
            }
        });
    }

    /**
     * In the background: once the broker's log appears (the ports are checked by then), reads the
     * broker port the stack recorded and listens on it, as another program would.
     */
    private CompletableFuture<ServerSocket> takeBrokerPortOnceItsLogExists() {
        Path brokerLog = stateDir.resolve("logs").resolve("kafka-broker.log");
        return CompletableFuture.supplyAsync(() -> {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(brokerLog));
            int port = StackSettings.recorded(stateDir).orElseThrow().build().kafkaPort();
            try {
                return new ServerSocket(port, 1, InetAddress.getByName(Ports.HOST));
            } catch (IOException e) {
                throw new IllegalStateException("Could not take the broker's port", e);
            }
        });
    }
}
