package org.popsurvey.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.PopsurveyCommandLine;
import picocli.CommandLine;

/**
 * {@code demo} refuses hostile setups before it starts or deletes anything: one {@code error:}
 * line naming what and where, exit code 1.
 */
class DemoRefusalsTest {

    @TempDir
    Path tmp;

    @Test
    void dataInsideTheOutFolderOfAnEarlierRunIsRefusedAndKept() throws Exception {
        Path out = tmp.resolve("demo");
        Files.createDirectories(out);
        Files.writeString(out.resolve(OutFolder.MARKER), "made by a demo");
        Path data = Files.createDirectories(out.resolve("my-acs-files"));
        Path csv = Files.writeString(data.resolve("total-population.csv"), "mine");

        Run run = demo("--out", out.toString(), "--data", data.toString());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err.strip())
                .isEqualTo("error: --data " + data + " is inside --out " + out
                        + ", which the demo empties at the start of each run; choose an --out folder outside the data");
        assertThat(csv).hasContent("mine");
    }

    @Test
    void aDataFolderThatDoesNotExistIsNamed() {
        Path missing = tmp.resolve("no-such-folder");
        Run run = demo("--out", tmp.resolve("out").toString(), "--data", missing.toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err.strip())
                .isEqualTo("error: --data " + missing + " does not exist (it must be a folder "
                        + "holding the four ACS files under their published names)");
    }

    @Test
    void aDataFolderMissingAFileNamesTheFile() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("acs"));
        Files.writeString(data.resolve("total-population.csv"), "Neighborhood,Id,Estimate,MOE\n");
        Run run = demo("--out", tmp.resolve("out").toString(), "--data", data.toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err.strip())
                .hasLineCount(1)
                .startsWith("error: --data " + data + " has no ")
                .endsWith(".csv (it must hold the four ACS files under their published names)");
    }

    private static Run demo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = PopsurveyCommandLine.create(new DemoCommand());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return new Run(line.execute(args), out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
