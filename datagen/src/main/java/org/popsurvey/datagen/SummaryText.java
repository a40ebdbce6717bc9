package org.popsurvey.datagen;

import java.io.PrintWriter;

/** The final summary: one line per file (rows, bytes), then totals, time and rate. */
final class SummaryText {

    private SummaryText() {}

    static void print(DatasetSummary summary, PrintWriter out) {
        double seconds = summary.elapsed().toNanos() / 1e9;
        out.printf(
                "datagen: wrote %,d neighborhoods (seed %d) to %s%n",
                summary.neighborhoods(), summary.seed(), summary.directory().toAbsolutePath());
        int width = summary.files().stream()
                .mapToInt(file -> file.file().fileName().length())
                .max()
                .orElse(0);
        String line = "  %-" + width + "s %,12d rows %,16d bytes";
        for (DatasetSummary.FileSummary file : summary.files()) {
            out.printf(line + "%n", file.file().fileName(), file.rows(), file.bytes());
        }
        out.printf(
                line + " in %.2f s (%.1f MB/s)%n",
                "total (" + summary.files().size() + " files)",
                summary.totalRows(),
                summary.totalBytes(),
                seconds,
                summary.megabytesPerSecond());
        out.flush();
    }
}
