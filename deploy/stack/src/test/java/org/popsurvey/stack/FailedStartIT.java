package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot succeed says why, and leaves no process behind. */
class FailedStartIT {

    @TempDir
    Path stateDir;

    @AfterEach
    void leaveNothingRunning() {
        LocalStack.attach(StackSettings.builder(stateDir).build(), Runtimes.locate(RepoRoot.find())).stop();
    }

    @Test
    void portInUseIsReportedBeforeAnythingStarts() throws Exception {
        List<Integer> ports = Ports.freePorts(2);
        try (ServerSocket taken = new ServerSocket(ports.get(1), 1, InetAddress.getByName("127.0.0.1"))) {
            CommandRun up = CommandRun.stack("up", "--kafka-port", ports.get(0).toString(),
                "--registry-port", Integer.toString(taken.getLocalPort()), "--state-dir", stateDir.toString());

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.err()).contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use", "--registry-port")
                .doesNotContain("Exception");
        }
        assertThat(Leftovers.processesOf(stateDir)).isEmpty();
        assertThat(Files.exists(stateDir.resolve("kafka-broker.pid"))).isFalse();
    }

    @Test
    void componentThatCannotStartTakesTheOthersDown() throws Exception {
        Path brokenJar = Files.writeString(stateDir.resolveSibling(stateDir.getFileName() + "-broken-runner.jar"), "not a jar");
        Runtimes real = Runtimes.locate(RepoRoot.find());
        Runtimes withBrokenRegistry = new Runtimes(real.kafkaClassPathFile(), brokenJar, real.hdfsClassPathFile(),
            real.hdfsResources(), real.buildDir());
        List<Integer> ports = Ports.freePorts(3);
        StackSettings settings = StackSettings.builder(stateDir).kafkaPort(ports.get(0)).controllerPort(ports.get(1))
            .registryPort(ports.get(2)).startTimeout(Duration.ofSeconds(60)).build();

        try {
            assertThatThrownBy(() -> LocalStack.start(settings, withBrokenRegistry))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("schema-registry exited with code 1 before it was ready on http://127.0.0.1:" + ports.get(2))
                .hasMessageContaining("Log: " + stateDir.resolve("logs").resolve("schema-registry.log"))
                .hasMessageContaining("Every process started so far was stopped");
        } finally {
            Files.deleteIfExists(brokenJar);
        }
        assertThat(Files.readString(stateDir.resolve("logs").resolve("kafka-broker.log")))
            .as("the broker was started before the registry's failure was seen").contains("starting kafka-broker");
        assertThat(Leftovers.processesOf(stateDir)).as("no broker or registry left").isEmpty();
        assertThat(Ports.isFree(ports.get(0))).isTrue();
        assertThat(Ports.isFree(ports.get(1))).isTrue();
    }

    @Test
    void missingRuntimeNamesTheBuildCommand() {
        Runtimes real = Runtimes.locate(RepoRoot.find());
        Path missing = stateDir.resolve("no-such-runtime-classpath.txt");
        Runtimes withoutBroker = new Runtimes(missing, real.registryJar(), real.hdfsClassPathFile(), real.hdfsResources(), real.buildDir());
        List<Integer> ports = Ports.freePorts(3);
        StackSettings settings = StackSettings.builder(stateDir).kafkaPort(ports.get(0)).controllerPort(ports.get(1))
            .registryPort(ports.get(2)).build();

        assertThatThrownBy(() -> LocalStack.start(settings, withoutBroker))
            .isInstanceOf(StackException.class)
            .hasMessageContaining("The Kafka broker runtime is not built: " + missing + " is missing")
            .hasMessageContaining("mvn -B package -DskipTests");
        assertThat(Leftovers.processesOf(stateDir)).isEmpty();
    }
}
