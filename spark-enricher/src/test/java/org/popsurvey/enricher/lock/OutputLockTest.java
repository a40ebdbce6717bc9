package org.popsurvey.enricher.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.enricher.sink.OutputLayout;

/** The output lock on a local folder, and how a holder is judged gone (the HDFS cases run in OneEnricherPerOutputIT). */
class OutputLockTest {

    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    @Test
    void aSecondLockOnTheSameFolderIsRefusedNamingTheHolder() {
        String output = dir.resolve("out").toString();
        try (OutputLock first = OutputLayout.lock(output, CONF)) {
            LockHolder self = LockHolder.current();
            assertThatThrownBy(() -> OutputLayout.lock(output, CONF))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("is in use by another enricher: pid " + self.pid() + " on host " + self.host()
                            + ", started " + self.started());
            first.checkHeld();
        }
        // Released: the next job takes it, and the file names the new holder.
        try (OutputLock again = OutputLayout.lock(output, CONF)) {
            again.checkHeld();
        }
    }

    @Test
    void aFolderHoldingSomeoneElsesFilesIsRefusedAndLeftUntouched() throws Exception {
        Path output = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(output.resolve("data.csv"), "a,b\n");
        Files.createDirectories(output.resolve("_staging"));
        Files.writeString(output.resolve("_staging/important.txt"), "keep me");
        assertThatThrownBy(() -> OutputLayout.lock(output.toString(), CONF))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("is not empty and was not written by the enricher")
                .hasMessageContaining("holds _staging, data.csv")
                .hasMessageContaining("nothing there was changed");
        assertThat(output.resolve("_staging/important.txt")).hasContent("keep me");
        assertThat(output.resolve("data.csv")).hasContent("a,b\n");
        assertThat(output.resolve(OutputLayout.STATE)).doesNotExist();
    }

    @Test
    void aHolderIsGoneOnlyWhenItRanHereAndItsProcessEnded() throws Exception {
        LockHolder self = LockHolder.current();
        assertThat(self.isGoneFromThisHost()).isFalse();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertThat(new LockHolder(self.host(), ended.pid(), Instant.now()).isGoneFromThisHost())
                .isTrue();
        // Our pid, but a process started at another time: the pid was reused.
        assertThat(new LockHolder(self.host(), self.pid(), self.started().minusSeconds(3600)).isGoneFromThisHost())
                .isTrue();
        // Another host is never judged from here.
        assertThat(new LockHolder("elsewhere.example", ended.pid(), Instant.now()).isGoneFromThisHost())
                .isFalse();
    }

    @Test
    void theLastWellFormedLineNamesTheHolder() {
        String text =
                "host=a pid=1 started=2026-01-01T00:00:00Z\nhost=b pid=22 started=2026-01-02T00:00:00Z\nhost=c pid=";
        assertThat(LockHolder.lastOf(text)).contains(new LockHolder("b", 22, Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(LockHolder.lastOf("")).isEmpty();
    }
}
