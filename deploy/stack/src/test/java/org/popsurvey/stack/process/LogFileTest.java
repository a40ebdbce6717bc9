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
        assertThat(log.describeTail()).startsWith("Log: " + log.path() + " (last 3 lines):").contains("    line 1").doesNotContain("old line");
    }

    @Test
    void missingLogHasAnEmptyTail() {
        LogFile log = new LogFile(dir.resolve("none.log"));
        assertThat(log.tail(5)).isEmpty();
        assertThat(log.describeTail()).isEqualTo("Log: " + log.path() + " (empty)");
    }
}
