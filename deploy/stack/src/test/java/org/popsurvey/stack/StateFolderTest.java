package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.StackException;

class StateFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aNewFolderIsCreatedAndMarked() {
        Path dir = tmp.resolve("new").resolve("stack");
        StateFolder.claim(dir);
        assertThat(dir.resolve(StateFolder.MARKER)).isRegularFile();
        assertThat(StateFolder.isOurs(dir)).isTrue();
    }

    @Test
    void anEmptyFolderIsMarked() {
        StateFolder.claim(tmp);
        assertThat(StateFolder.isOurs(tmp)).isTrue();
    }

    @Test
    void aFolderHoldingTheUsersFilesIsRefusedAndLeftAsItWas() throws Exception {
        Path kafkaData = Files.createDirectories(tmp.resolve("kafka").resolve("data"));
        Path thesis = Files.writeString(kafkaData.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> StateFolder.claim(tmp))
                .isInstanceOf(StackException.class)
                .hasMessage("State folder " + tmp + " is not empty and was not made by `popsurvey stack up` (no "
                        + StateFolder.MARKER + " file in it); nothing was deleted. "
                        + "Choose an empty or new folder with --state-dir.");
        assertThat(thesis).hasContent("years of work");
        assertThat(tmp.resolve(StateFolder.MARKER)).doesNotExist();
        assertThat(StateFolder.isOurs(tmp)).isFalse();
    }

    @Test
    void aFolderTheStackMadeIsClaimedAgain() throws Exception {
        StateFolder.claim(tmp);
        Files.createDirectories(tmp.resolve("kafka").resolve("data"));
        StateFolder.claim(tmp);
        assertThat(StateFolder.isOurs(tmp)).isTrue();
    }

    @Test
    void aStateFolderFromBeforeTheMarkerIsRecognisedByItsStateFile() throws Exception {
        StackSettings.builder(tmp).build().store();
        Files.createDirectories(tmp.resolve("logs"));
        assertThat(StateFolder.isOurs(tmp)).isTrue();
        StateFolder.claim(tmp);
        assertThat(tmp.resolve(StateFolder.MARKER)).isRegularFile();
    }

    @Test
    void aUsersOwnFileCalledStackPropertiesDoesNotMakeTheFolderOurs() throws Exception {
        Files.writeString(tmp.resolve(StackSettings.STATE_FILE), "kafka.port=9092\n");
        assertThat(StateFolder.isOurs(tmp)).isFalse();
        assertThatThrownBy(() -> StateFolder.claim(tmp)).hasMessageContaining("is not empty and was not made by");
    }

    @Test
    void aFileGivenAsStateFolderIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> StateFolder.claim(file))
                .hasMessage("State folder " + file + " is a file, not a folder; choose another --state-dir.");
        assertThat(file).hasContent("mine");
    }

    @Test
    void aFolderThatCannotBeCreatedIsNamedWithTheReason() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Path below = file.resolve("stack");
        assertThatThrownBy(() -> StateFolder.claim(below))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("Cannot write to the state folder " + below + " (")
                .hasMessageEndingWith("); choose a writable folder with --state-dir.")
                .hasMessageNotContaining("\n");
    }

    @Test
    void stopDeletesOnlyAStateFolderItMade() throws Exception {
        Path mine = Files.writeString(tmp.resolve("mine.txt"), "mine");
        StackSettings settings =
                StackSettings.builder(tmp).deleteStateOnStop(true).build();
        LocalStack.attach(settings, Runtimes.locate(tmp)).stop();
        assertThat(mine).hasContent("mine");

        Path claimed = tmp.resolve("claimed");
        StateFolder.claim(claimed);
        LocalStack.attach(StackSettings.builder(claimed).deleteStateOnStop(true).build(), Runtimes.locate(tmp))
                .stop();
        assertThat(claimed).doesNotExist();
    }
}
