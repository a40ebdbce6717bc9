package org.popsurvey.report.html;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.schemas.output.OutputTables;

/** When and from what the report was built: batches, input files, schema ids, producer runs. */
final class Provenance {

    private Provenance() {}

    static void add(Element body, OutputData data, Instant generatedAt) {
        Element section = Html.section(body, "provenance", "How this report was built");
        Element table = Html.table(section, "provenance", List.of("Item", "Value"));
        item(table, "generated", "Report generated (UTC)", generatedAt.toString());
        item(
                table,
                "output",
                "Read from",
                data.root().toAbsolutePath().normalize().toString());
        item(
                table,
                "neighborhood-batches",
                "Enricher batches in neighborhoods/",
                distinct(data.neighborhoods(), OutputTables.ENRICHER_BATCH_ID));
        item(
                table,
                "metrics-batch",
                "Enricher batch of the city metrics",
                distinct(data.cityTotals(), OutputTables.ENRICHER_BATCH_ID));
        item(
                table,
                "processed-at",
                "Latest row processed at",
                data.neighborhoods().stream()
                        .map(row -> (Instant) row.get("processed_at"))
                        .filter(Objects::nonNull)
                        .max(Instant::compareTo)
                        .map(Instant::toString)
                        .orElse("–"));
        item(table, "metrics-computed-at", "City metrics computed at", distinct(data.cityTotals(), "computed_at"));
        item(table, "stream-files", "Streamed input file(s)", distinct(data.neighborhoods(), "source_file"));
        item(
                table,
                "reference-files",
                "Reference tables",
                SourceFile.REFERENCE_TABLES.stream().map(SourceFile::fileName).collect(Collectors.joining(", ")));
        item(
                table,
                "schema-ids",
                "Schema ids of the clean records (rows)",
                distinct(data.neighborhoods(), "schema_id"));
        item(table, "producer-runs", "Producer runs (rows)", distinct(data.neighborhoods(), "producer_run_id"));
        item(table, "topics", "Kafka topic(s) (rows)", distinct(data.neighborhoods(), "kafka_topic"));
    }

    /** Each distinct value with how many rows hold it: {@code 1 (91)}. */
    private static String distinct(List<Map<String, Object>> rows, String column) {
        Map<String, Long> counts = rows.stream()
                .map(row -> String.valueOf(row.get(column)))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        return counts.isEmpty()
                ? "–"
                : counts.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .collect(Collectors.joining(", "));
    }

    private static void item(Element table, String id, String label, String value) {
        Element tr = Html.row(table).attr("data-item", id);
        Html.cell(tr, null, label);
        Html.cell(tr, "value", value);
    }
}
