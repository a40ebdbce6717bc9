package org.popsurvey.datagen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.popsurvey.schemas.SourceFile;

/** What {@link DatasetWriter} wrote. */
public record DatasetSummary(Path directory, long neighborhoods, long seed, List<FileSummary> files, Duration elapsed) {

    /** One written file; {@code rows} counts data rows, not the header. */
    public record FileSummary(SourceFile file, Path path, long rows, long bytes) {}

    public long totalBytes() {
        return files.stream().mapToLong(FileSummary::bytes).sum();
    }

    public long totalRows() {
        return files.stream().mapToLong(FileSummary::rows).sum();
    }

    /** Megabytes (10^6 bytes) written per second of wall time. */
    public double megabytesPerSecond() {
        return totalBytes() / 1e6 / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }
}
