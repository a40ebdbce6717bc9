package org.popsurvey.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.popsurvey.schemas.SourceFile;

/** One generated data set per test JVM (N=2000, seed 42), written once into a temp folder. */
final class GeneratedData {

    static final long COUNT = 2000;
    static final long SEED = 42;

    private static Path directory;
    private static final Map<SourceFile, CsvTable> TABLES = new EnumMap<>(SourceFile.class);

    private GeneratedData() {}

    static synchronized Path directory() {
        if (directory == null) {
            try {
                Path dir = Files.createTempDirectory("datagen-test-");
                new DatasetWriter(new SyntheticNeighborhoods(SEED, COUNT), ProgressListener.NONE).write(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                directory = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    static Path file(SourceFile file) {
        return directory().resolve(file.fileName());
    }

    static synchronized CsvTable table(SourceFile file) {
        return TABLES.computeIfAbsent(file, f -> {
            try {
                return CsvTable.read(file(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp folder; nothing else to do
        }
    }
}
