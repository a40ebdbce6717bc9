package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.schemas.SourceFile;

/** Same seed and count: identical bytes. Another seed: other bytes. */
class DeterminismTest {

    private static final long COUNT = 400;

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDifferentOnes(@TempDir Path temp) throws IOException {
        Path first = write(temp.resolve("first"), 42);
        Path second = write(temp.resolve("second"), 42);
        Path other = write(temp.resolve("other"), 43);
        for (SourceFile file : SourceFile.values()) {
            byte[] bytes = Files.readAllBytes(first.resolve(file.fileName()));
            assertThat(Files.readAllBytes(second.resolve(file.fileName())))
                    .as(file.fileName())
                    .isEqualTo(bytes);
            assertThat(Files.readAllBytes(other.resolve(file.fileName())))
                    .as(file.fileName())
                    .isNotEqualTo(bytes);
        }
    }

    @Test
    void writingAgainIntoTheSameFolderReplacesTheFilesAndLeavesNoPartialFile(@TempDir Path temp) throws IOException {
        write(temp, 1);
        write(temp, 42);
        Path reference = write(temp.resolve("reference"), 42);
        for (SourceFile file : SourceFile.values()) {
            assertThat(Files.readAllBytes(temp.resolve(file.fileName())))
                    .isEqualTo(Files.readAllBytes(reference.resolve(file.fileName())));
        }
        try (var names = Files.list(temp)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(DatasetWriter.PARTIAL_SUFFIX));
        }
    }

    private static Path write(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        DatasetSummary summary =
                new DatasetWriter(new SyntheticNeighborhoods(seed, COUNT), ProgressListener.NONE).write(dir);
        assertThat(summary.files())
                .hasSize(4)
                .allSatisfy(file -> assertThat(file.rows()).isEqualTo(COUNT));
        assertThat(summary.totalBytes())
                .isEqualTo(summary.files().stream()
                        .mapToLong(f -> {
                            try {
                                return Files.size(f.path());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                        .sum());
        return dir;
    }
}
