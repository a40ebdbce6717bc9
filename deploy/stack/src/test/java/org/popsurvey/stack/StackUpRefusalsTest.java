package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.stack.component.Ports;

/**
 * {@code stack up} refuses hostile setups before it starts or deletes anything: one {@code error:}
 * line naming what and where, exit code 1.
 */
class StackUpRefusalsTest {

    @TempDir
    Path tmp;

    @Test
    void aStateDirHoldingTheUsersFilesIsRefusedAndKept() throws Exception {
        Path userData = Files.createDirectories(tmp.resolve("kafka").resolve("data"));
        Path file = Files.writeString(userData.resolve("00000000000000000000.log"), "not the stack's");
        Path hdfsName = Files.createDirectories(tmp.resolve("hdfs").resolve("name"));

        CommandRun run = up("--state-dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .hasLineCount(1)
                .startsWith("error: State folder " + tmp + " is not empty and was not made by");
        assertThat(file).hasContent("not the stack's");
        assertThat(hdfsName).isDirectory();
        assertThat(tmp.resolve(StateFolder.MARKER)).doesNotExist();
    }

    @Test
    void clusterSizesWithoutClusterAreRefusedInOneLine() {
        CommandRun run = up("--state-dir", tmp.resolve("stack").toString(), "--brokers", "5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("error: --brokers, --spark-workers and --datanodes size a cluster: add --cluster.");
        assertThat(tmp.resolve("stack")).doesNotExist();
    }

    @Test
    void aStateDirThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("stack"), "mine");
        CommandRun run = up("--state-dir", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("error: State folder " + file + " is a file, not a folder; choose another --state-dir.");
        assertThat(file).hasContent("mine");
    }

    @Test
    void aStateDirThatCannotBeWrittenIsNamed() throws Exception {
        Path file = Files.writeString(tmp.resolve("stack"), "mine");
        Path below = file.resolve("state");
        CommandRun run = up("--state-dir", below.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .hasLineCount(1)
                .startsWith("error: Cannot write to the state folder " + below + " (");
    }

    @Test
    void aStateDirWhosePathTheRegistryStoreCannotUseIsNamed() {
        Path odd = tmp.resolve("a;b");
        CommandRun run = up("--state-dir", odd.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("error: State folder " + odd + " has a ';' in its path, which the "
                        + "registry's storage (an H2 file) cannot use; choose another --state-dir.");
    }

    @Test
    void aTakenPortIsNamedWithItsOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            int port = taken.getLocalPort();
            List<Integer> free = Ports.freePorts(2);
            CommandRun run = CommandRun.stack(
                    "up",
                    "--state-dir",
                    tmp.resolve("stack").toString(),
                    "--kafka-port",
                    free.get(0).toString(),
                    "--controller-port",
                    free.get(1).toString(),
                    "--registry-port",
                    Integer.toString(port));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip())
                    .isEqualTo("error: Port " + port
                            + " on 127.0.0.1 is already in use, so the schema registry cannot listen there. "
                            + "Stop whatever uses it, or choose another port with --registry-port.");
        }
    }

    /** {@code up} on free ports (the tests must not depend on 9092 being free), plus {@code args}. */
    private static CommandRun up(String... args) {
        List<Integer> ports = Ports.freePorts(3);
        List<String> line = new java.util.ArrayList<>(List.of(
                "up",
                "--kafka-port",
                ports.get(0).toString(),
                "--controller-port",
                ports.get(1).toString(),
                "--registry-port",
                ports.get(2).toString()));
        line.addAll(List.of(args));
        return CommandRun.stack(line.toArray(String[]::new));
    }
}
