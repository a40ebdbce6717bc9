package org.popsurvey.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {

    @TempDir
    Path dir;

    @Test
    void tailShowsOnlyTheLatestRun() throws Exception {
        LogFile log = new LogFile(dir.resolve("logs").resolve("kafka-broker.log"));
        log.beginRun("first");
        Files.writeString(log.path(), "old line\n", StandardOpenOption.APPEND);
        log.beginRun("second");
        Files.writeString(log.path(), "line 1\nline 2\nline 3\n", StandardOpenOption.APPEND);

        assertThat(log.tail(2)).containsExactly("line 2", "line 3");
        assertThat(log.tail(10)).containsExactly("line 1", "line 2", "line 3");
        assertThat(log.describe())
                .startsWith("Log: " + log.path() + " (last 3 lines):")
                .contains("    line 1")
                .doesNotContain("old line");
    }

    @Test
    void describeLeadsWithTheErrorsThatScrolledOutOfTheTail() throws Exception {
        LogFile log = new LogFile(dir.resolve("kafka-broker.log"));
        log.beginRun("first");
        Files.writeString(log.path(), "[main] ERROR kafka.Server - an old failure\n", StandardOpenOption.APPEND);
        log.beginRun("second");
        StringBuilder run = new StringBuilder("[main] INFO kafka.Server - starting\n")
                .append("[main] ERROR kafka.Server - Fatal error during broker startup\n")
                .append(
                        "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.\n")
                .append("\tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:700)\n")
                .append("Caused by: java.net.BindException: Address already in use\n");
        for (int i = 0; i < LogFile.TAIL_LINES; i++) {
            run.append("[kafka-shutdown-hook] INFO kafka.Server - shutting down ")
                    .append(i)
                    .append('\n');
        }
        Files.writeString(log.path(), run, StandardOpenOption.APPEND);

        assertThat(log.errorLines(10))
                .containsExactly(
                        "[main] ERROR kafka.Server - Fatal error during broker startup",
                        "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.",
                        "Caused by: java.net.BindException: Address already in use");
        assertThat(log.errorLines(1)).hasSize(1);
        assertThat(log.firstLineMentioning("Address already in use"))
                .contains(
                        "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.");
        assertThat(log.firstLineMentioning("an old failure"))
                .as("earlier runs do not count")
                .isEmpty();
        assertThat(log.describe())
                .startsWith("First errors in " + log.path() + ":" + System.lineSeparator()
                        + "    [main] ERROR kafka.Server - Fatal error")
                .contains("Log: " + log.path() + " (last " + LogFile.TAIL_LINES + " lines):")
                .endsWith("    [kafka-shutdown-hook] INFO kafka.Server - shutting down " + (LogFile.TAIL_LINES - 1))
                .doesNotContain("\tat kafka.network", "an old failure");
    }

    @Test
    void errorsAlreadyInTheTailAreNotRepeated() throws Exception {
        LogFile log = new LogFile(dir.resolve("registry.log"));
        log.beginRun("only");
        Files.writeString(log.path(), "Error: Invalid or corrupt jarfile runner.jar\n", StandardOpenOption.APPEND);

        assertThat(log.describe())
                .isEqualTo("Log: " + log.path() + " (last 1 lines):" + System.lineSeparator()
                        + "    Error: Invalid or corrupt jarfile runner.jar");
    }

    @Test
    void missingLogHasAnEmptyTail() {
        LogFile log = new LogFile(dir.resolve("none.log"));
        assertThat(log.tail(5)).isEmpty();
        assertThat(log.describe()).isEqualTo("Log: " + log.path() + " (empty)");
        assertThat(log.errorLines(5)).isEmpty();
        assertThat(log.firstLineMentioning("anything")).isEmpty();
    }
}
