package org.popsurvey.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.datagen.DatasetWriter;
import org.popsurvey.datagen.ProgressListener;
import org.popsurvey.datagen.SyntheticNeighborhoods;
import org.popsurvey.schemas.SourceFile;

/**
 * The demo's input: the four CSVs of {@code --data DIR}, used as they are, or a generated set to
 * which a few malformed rows are appended, so that the dead-letter path shows too.
 */
record DemoData(Path directory, boolean generated, int malformedRows) {

    /** Rows no careful validator accepts, one per kind of problem; appended to generated data. */
    static final List<String> MALFORMED_ROWS = List.of(
            "Nowhere Flats,9000001,12.5,3",
            "Missing Margin,9000002,120",
            "Negative Hollow,9000003,-40,12",
            ",9000004,100,10");

    static DemoData given(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new CommandFailedException("--data " + directory.toAbsolutePath()
                    + (Files.exists(directory) ? " is a file, not a folder" : " does not exist")
                    + " (it must be a folder holding the four ACS "
                    + "files under their published names)");
        }
        for (SourceFile file : SourceFile.values()) {
            if (!Files.isRegularFile(directory.resolve(file.fileName()))) {
                throw new CommandFailedException("--data " + directory.toAbsolutePath() + " has no " + file.fileName()
                        + " (it must hold the four ACS files under their published names)");
            }
        }
        return new DemoData(directory, false, 0);
    }

    static DemoData generate(Path directory, int neighborhoods, long seed) {
        try {
            Files.createDirectories(directory);
            new DatasetWriter(new SyntheticNeighborhoods(seed, neighborhoods), ProgressListener.NONE).write(directory);
            Files.writeString(
                    directory.resolve(SourceFile.TOTAL_POPULATION.fileName()),
                    String.join("\r\n", MALFORMED_ROWS) + "\r\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.APPEND);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandFailedException(
                    "Cannot write the generated data to " + directory + ": " + e.getMessage(), e);
        }
        return new DemoData(directory, true, MALFORMED_ROWS.size());
    }

    Path populationFile() {
        return directory.resolve(SourceFile.TOTAL_POPULATION.fileName());
    }
}
