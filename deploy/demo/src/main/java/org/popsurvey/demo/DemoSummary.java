package org.popsurvey.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.popsurvey.schemas.Topics;

/** The report printed at the end of a demo run (stdout). */
final class DemoSummary {

    /** City-wide metrics shown as headlines, in this order, when the enricher wrote them. */
    static final List<String> HEADLINES = List.of(
            "population",
            "households",
            "aggregate_household_income",
            "mean_household_income",
            "per_capita_income",
            "uninsured_rate",
            "self_employment_rate");

    private final PrintWriter out;

    DemoSummary(PrintWriter out) {
        this.out = out;
    }

    void print(
            DemoData input,
            Accounting.Snapshot counts,
            ParquetOutput parquet,
            String deadLetterStats,
            Path outDir,
            Duration elapsed)
            throws IOException {
        out.printf(
                "%nDemo complete in %d s. Data: %s. Everything is under %s%n%n",
                elapsed.toSeconds(),
                input.generated()
                        ? "generated, with " + input.malformedRows() + " malformed rows appended"
                        : input.directory().toString(),
                outDir);
        out.printf("  rows read by the producer    %8d%n", counts.produced());
        out.printf("  clean records                %8d   %s%n", counts.cleanRecords(), Topics.CLEAN);
        out.printf("  dead letters                 %8d   %s%n", counts.deadLetters(), Topics.DEAD_LETTER);
        out.printf("  absorbed identical re-sends  %8d%n", counts.absorbed());
        out.printf(
                "  %d = %d + %d + %d%n%n",
                counts.produced(), counts.cleanRecords(), counts.deadLetters(), counts.absorbed());
        out.println(deadLetterStats.strip());
        out.println();

        out.println("Parquet tables under " + outDir.resolve("parquet")
                + " (every file read back with a plain Parquet reader):");
        ParquetOutput.Table neighborhoods = parquet.neighborhoods();
        printTable(neighborhoods);
        Map<String, ParquetOutput.Table> metrics = parquet.metrics();
        for (ParquetOutput.Table table : metrics.values()) {
            printTable(table);
        }
        ParquetOutput.Table cityTotals = metrics.get("city_totals");
        if (cityTotals != null) {
            out.println();
            out.println("Headline metrics (city-wide estimate ± 90% margin of error):");
            List<Map<String, String>> rows = parquet.read(cityTotals);
            for (String metric : HEADLINES) {
                rows.stream()
                        .filter(row -> metric.equals(row.get("metric")))
                        .findFirst()
                        .ifPresent(row -> out.printf(
                                "  %-28s %18s ± %-14s %s%n",
                                metric, number(row.get("estimate")), number(row.get("moe")), row.get("unit")));
            }
        }
        out.printf(
                "%nLogs: %s (validator, enricher) and %s (broker, registry, HDFS)%n",
                outDir.resolve("logs"), outDir.resolve("stack").resolve("logs"));
        out.flush();
    }

    private void printTable(ParquetOutput.Table table) {
        String name = table.path().getParent().getName().equals(ParquetOutput.METRICS)
                ? ParquetOutput.METRICS + "/" + table.path().getName()
                : table.path().getName();
        out.printf("  %-36s %8d rows in %d file(s)%n", name + "/", table.rows(), table.files());
    }

    private static String number(String text) {
        if (text == null) {
            return "unknown";
        }
        double value = Double.parseDouble(text);
        return Math.abs(value) < 10 ? String.format("%.4f", value) : String.format("%,.0f", value);
    }
}
