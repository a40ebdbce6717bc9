package org.popsurvey.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.CommandFailedException;

class OutFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aFolderADemoMadeIsEmptiedAndMarkedAgain() throws Exception {
        Path out = tmp.resolve("out");
        OutFolder.prepare(out, Optional.empty());
        Files.writeString(out.resolve("old-run.log"), "old");
        OutFolder.prepare(out, Optional.empty());
        assertThat(out.resolve("old-run.log")).doesNotExist();
        assertThat(out.resolve(OutFolder.MARKER)).isRegularFile();
    }

    @Test
    void dataInsideADemoMadeOutFolderIsRefusedAndKept() throws Exception {
        Path out = tmp.resolve("out");
        OutFolder.prepare(out, Optional.empty());
        Path data = Files.createDirectories(out.resolve("acs2015"));
        Path file = Files.writeString(data.resolve("total-population.csv"), "Neighborhood,Id,Estimate,MOE\n");

        assertThatThrownBy(() -> OutFolder.prepare(out, Optional.of(data)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("--data " + data + " is inside --out " + out + ", which the demo empties at the start of "
                        + "each run; choose an --out folder outside the data");
        assertThat(file).hasContent("Neighborhood,Id,Estimate,MOE\n");
    }

    @Test
    void dataEqualToOutIsRefused() throws Exception {
        Path out = tmp.resolve("out");
        OutFolder.prepare(out, Optional.empty());
        assertThatThrownBy(() -> OutFolder.prepare(out, Optional.of(out)))
                .hasMessageStartingWith("--data " + out + " is --out");
    }

    @Test
    void dataReachedThroughASymbolicLinkIntoOutIsRefused() throws Exception {
        Path out = tmp.resolve("out");
        OutFolder.prepare(out, Optional.empty());
        Path data = Files.createDirectories(out.resolve("input"));
        Path link = Files.createSymbolicLink(tmp.resolve("data-link"), data);
        assertThatThrownBy(() -> OutFolder.prepare(out, Optional.of(link))).hasMessageContaining("is inside --out");
        assertThat(data).isDirectory();
    }

    @Test
    void anOutFolderReachedThroughALinkAroundTheDataIsRefused() throws Exception {
        Path real = tmp.resolve("real");
        OutFolder.prepare(real, Optional.empty());
        Path data = Files.createDirectories(real.resolve("data"));
        Path outLink = Files.createSymbolicLink(tmp.resolve("out-link"), real);
        assertThatThrownBy(() -> OutFolder.prepare(outLink, Optional.of(data))).hasMessageContaining("is inside --out");
        assertThat(data).isDirectory();
    }

    @Test
    void anOutFolderInsideTheDataIsFineAndLeavesTheDataAlone() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path file = Files.writeString(data.resolve("total-population.csv"), "x");
        OutFolder.prepare(data.resolve("demo-out"), Optional.of(data));
        OutFolder.prepare(data.resolve("demo-out"), Optional.of(data));
        assertThat(file).hasContent("x");
        assertThat(data.resolve("demo-out").resolve(OutFolder.MARKER)).isRegularFile();
    }

    @Test
    void aFolderOfTheUsersIsRefusedAndKept() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("photos"));
        Path photo = Files.writeString(out.resolve("holiday.jpg"), "jpeg");
        assertThatThrownBy(() -> OutFolder.prepare(out, Optional.empty()))
                .hasMessage("--out " + out + " is not empty and was not made by a demo run (no " + OutFolder.MARKER
                        + " file in it); nothing was deleted. Choose an empty or new folder");
        assertThat(photo).hasContent("jpeg");
    }

    @Test
    void aFileGivenAsOutIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("out"), "mine");
        assertThatThrownBy(() -> OutFolder.prepare(file, Optional.empty()))
                .hasMessage("--out " + file + " is a file, not a folder; choose a new or empty folder");
        assertThat(file).hasContent("mine");
    }

    @Test
    void anOutFolderThatCannotBeCreatedIsNamedWithTheReason() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "mine");
        Path out = file.resolve("out");
        assertThatThrownBy(() -> OutFolder.prepare(out, Optional.empty()))
                .hasMessageStartingWith("Cannot write the --out folder " + out + " (")
                .hasMessageEndingWith("); choose a writable folder")
                .hasMessageNotContaining("\n");
    }
}
