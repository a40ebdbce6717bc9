package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.schemas.SourceFile;
import picocli.CommandLine;

/** The command line: options, summary, and clear errors that name the path. */
class DatagenCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new DatagenCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void writesTheFourFilesIntoANewFolderAndSummarisesRowsAndBytes(@TempDir Path temp) throws IOException {
        Path target = temp.resolve("a/b");
        int exit = run("--out", target.toString(), "--neighborhoods", "120", "--seed", "9");

        assertThat(exit).as(err.toString()).isZero();
        for (SourceFile file : SourceFile.values()) {
            Path written = target.resolve(file.fileName());
            assertThat(Files.readAllLines(written)).hasSize(121);
            assertThat(out.toString())
                    .contains(file.fileName())
                    .contains(String.format("%,d bytes", Files.size(written)));
        }
        assertThat(out.toString())
                .contains("wrote 120 neighborhoods (seed 9)")
                .contains("480 rows")
                .contains("MB/s");
    }

    @Test
    void defaultsAreNinetyOneNeighborhoodsAndSeedFortyTwo(@TempDir Path temp) throws IOException {
        assertThat(run("--out", temp.toString())).isZero();
        Path reference = temp.resolve("reference");
        Files.createDirectories(reference);
        new DatasetWriter(new SyntheticNeighborhoods(42, 91), ProgressListener.NONE).write(reference);
        for (SourceFile file : SourceFile.values()) {
            assertThat(Files.readAllBytes(temp.resolve(file.fileName())))
                    .isEqualTo(Files.readAllBytes(reference.resolve(file.fileName())));
        }
    }

    @Test
    void anOutThatIsAFileIsAUsageErrorNamingThePath(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
        assertThat(run("--out", file.toString())).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains(file.toAbsolutePath().toString()).contains("is not a directory");
    }

    @Test
    void anOutThatCannotBeCreatedExitsOneNamingThePath(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("plain-file"), "x");
        Path below = file.resolve("sub");
        assertThat(run("--out", below.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains("cannot create output directory")
                .contains(below.toAbsolutePath().toString());
        assertThat(err.toString()).doesNotContain("Exception");
    }

    @Test
    void anOutThatIsNotWritableExitsOneNamingThePath(@TempDir Path temp) throws IOException {
        Path locked = Files.createDirectory(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "running as root: permissions do not stop writes");
            assertThat(run("--out", locked.toString())).isEqualTo(1);
            assertThat(err.toString())
                    .contains(locked.toAbsolutePath().toString())
                    .contains("not writable");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFailedWriteNamesTheFileAndLeavesNoPartialFile(@TempDir Path temp) throws IOException {
        // A directory where the health file's partial output should go makes that one file unwritable.
        String blocked = SourceFile.HEALTH_INSURANCE_BY_AGE.fileName() + DatasetWriter.PARTIAL_SUFFIX;
        Files.createDirectory(temp.resolve(blocked));
        assertThat(run("--out", temp.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains("Cannot write " + temp.resolve(blocked).toAbsolutePath());
        try (var names = Files.list(temp)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .containsExactly(blocked); // the other partial files were removed, no real name written
        }
    }

    @Test
    void neighborhoodsBelowOneIsAUsageError(@TempDir Path temp) {
        assertThat(run("--out", temp.toString(), "--neighborhoods", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--neighborhoods").contains("must be 1..");
        assertThat(temp.toFile().list()).isEmpty();
    }

    @Test
    void missingOutIsAUsageErrorAndHelpDescribesEveryOption() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--out");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--out=DIR", "--neighborhoods=N", "--seed=N", "default: 91", "default: 42");
    }

    @Test
    void progressIsReportedForLargeRuns() {
        StringWriter progress = new StringWriter();
        long[] clock = {0};
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(progress), () -> clock[0]);
        for (long done = 1; done <= 100_000; done++) {
            reporter.rowsWritten(done, 100_000);
        }
        assertThat(progress.toString().lines())
                .hasSize(19)
                .first()
                .asString()
                .contains("5,000 / 100,000 neighborhoods (5%)");
        StringWriter small = new StringWriter();
        ProgressReporter quiet = new ProgressReporter(new PrintWriter(small), () -> clock[0]);
        for (long done = 1; done <= 91; done++) {
            quiet.rowsWritten(done, 91);
        }
        assertThat(small.toString()).isEmpty();
    }
}
