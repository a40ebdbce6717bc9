package org.popsurvey.report.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.schemas.output.OutputTables;

/** The enricher's output folder, every table the report shows, read once. */
public record OutputData(
        Path root,
        List<Map<String, Object>> neighborhoods,
        List<Map<String, Object>> cityTotals,
        List<Map<String, Object>> householdIncome,
        List<Map<String, Object>> ageBands,
        List<Map<String, Object>> rankings,
        List<Map<String, Object>> rejected) {

    /** Reads OUTPUT; a folder without {@code neighborhoods/} is a one-line error naming it. */
    public static OutputData read(Path root) throws IOException {
        Path neighborhoods = root.resolve(OutputTables.NEIGHBORHOODS);
        if (!Files.isDirectory(neighborhoods)) {
            throw new CommandFailedException(
                    "No enricher output in " + root.toAbsolutePath().normalize() + ": " + neighborhoods.getFileName()
                            + "/ is missing (give the folder passed to enrich --output)");
        }
        Path metrics = root.resolve(OutputTables.METRICS);
        List<Map<String, Object>> rows = ParquetTable.read(neighborhoods);
        rows.sort(Comparator.comparing(row -> (Integer) row.get("neighborhood_id")));
        return new OutputData(
                root,
                rows,
                ParquetTable.read(metrics.resolve(OutputTables.CITY_TOTALS)),
                ParquetTable.read(metrics.resolve(OutputTables.HOUSEHOLD_INCOME)),
                ParquetTable.read(metrics.resolve(OutputTables.POPULATION_BY_AGE_BAND)),
                ParquetTable.read(metrics.resolve(OutputTables.NEIGHBORHOOD_RANKINGS)),
                ParquetTable.read(root.resolve(OutputTables.REJECTED)));
    }

    /** city_totals by metric name, in the table's order. */
    public Map<String, Map<String, Object>> cityTotalsByMetric() {
        Map<String, Map<String, Object>> byMetric = new LinkedHashMap<>();
        cityTotals.forEach(row -> byMetric.put((String) row.get("metric"), row));
        return byMetric;
    }

    /** One metric's rankings in rank order (the table's order within a metric). */
    public List<Map<String, Object>> ranking(String metric) {
        return rankings.stream()
                .filter(row -> metric.equals(row.get("metric")))
                .sorted(Comparator.comparing(row -> (Integer) row.get("rank")))
                .toList();
    }

    public Optional<Map<String, Object>> neighborhood(String name) {
        return neighborhoods.stream()
                .filter(row -> name.equals(row.get("neighborhood")))
                .findFirst();
    }
}
