package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.stack.component.Ports;

class StackCommandTest {

    @Test
    void everySubCommandHasHelp() {
        for (String sub : new String[] {"up", "status", "down"}) {
            CommandRun help = CommandRun.stack(sub, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out())
                    .contains("Usage: stack " + sub, "--state-dir", "--kafka-port", "--registry-port", "--hdfs");
        }
        assertThat(CommandRun.stack("up", "--help").out())
                .contains("--controller-port", "--namenode-port", "--start-timeout");
    }

    @Test
    void missingSubCommandIsAUsageError() {
        CommandRun run = CommandRun.stack();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing sub-command: up, status or down");
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        CommandRun run = CommandRun.stack("up", "--kafka-port", "70000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("70000 is not a port number (1-65535)");
    }

    @Test
    void samePortTwiceIsRefusedBeforeAnythingStarts(@TempDir Path stateDir) {
        int port = Ports.freePorts(1).get(0);
        CommandRun run = CommandRun.stack(
                "up",
                "--kafka-port",
                Integer.toString(port),
                "--registry-port",
                Integer.toString(port),
                "--state-dir",
                stateDir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("Port " + port
                        + " is given twice: to schema registry (--registry-port) and to Kafka broker (--kafka-port)");
    }

    @Test
    void downWithNothingRunningSaysSo(@TempDir Path stateDir) {
        int port = Ports.freePorts(1).get(0);
        CommandRun run =
                CommandRun.stack("down", "--state-dir", stateDir.toString(), "--kafka-port", Integer.toString(port));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("kafka-broker     was not running", "Nothing was running from " + stateDir);
    }
}
