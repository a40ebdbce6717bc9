package org.popsurvey.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.popsurvey.report.data.OutputData;

/**
 * Rows shaped as the enricher writes them (column names as in spark-enricher/README.md), held in
 * memory, with hostile neighborhood names: the page must show them as text.
 */
final class ReportFixture {

    static final String SCRIPT_NAME = "<script>alert('x')</script> Hill";
    static final String AMPERSAND_NAME = "Tom & Jerry \"Heights\" <b>";
    static final String PLAIN_NAME = "Plain Flats";

    private ReportFixture() {}

    static OutputData data() {
        List<Map<String, Object>> neighborhoods = new ArrayList<>();
        neighborhoods.add(neighborhood(1, SCRIPT_NAME, 12_345L, 456.7, 0.0223, "high", 51_234.5, 9_876.5, true));
        neighborhoods.add(neighborhood(2, AMPERSAND_NAME, 3L, 3.0, 0.6079, "low", null, null, true));
        neighborhoods.add(neighborhood(3, PLAIN_NAME, 9_000L, 2_000.0, 0.1351, "medium", 40_000.0, 20_000.0, false));
        neighborhoods.get(1).put("reference_annotations", Map.of("aggregate_household_income", "NO_SAMPLE"));
        neighborhoods.get(2).put("missing_reference_tables", List.of("types-of-health-insurance-coverage-by-age.csv"));

        List<Map<String, Object>> totals = List.of(
                total("population", "people", 21_348.0, 2_048.9, 0.0757, "high", 3, 0),
                total("households", "households", 8_000.0, 300.0, 0.0228, "high", 3, 0),
                total("mean_household_income", "dollars per household", 47_123.456, 8_765.4, 0.1131, "high", 2, 1),
                total("uninsured_rate", "proportion", 0.0876, 0.0123, 0.0854, "high", 3, 0));

        List<Map<String, Object>> rankings = List.of(
                ranking("population", 1, 1, SCRIPT_NAME, 12_345.0, 456.7, true, 1, 1),
                ranking("population", 2, 3, PLAIN_NAME, 9_000.0, 2_000.0, true, 2, 2),
                ranking("population", 3, 2, AMPERSAND_NAME, 3.0, 3.0, null, 3, 3),
                ranking("mean_household_income", 1, 1, SCRIPT_NAME, 51_234.5, 9_876.5, false, 1, 2),
                ranking("mean_household_income", 2, 3, PLAIN_NAME, 40_000.0, 20_000.0, null, 1, 2));
        return new OutputData(
                Path.of("fixture-output"), neighborhoods, totals, List.of(), List.of(), rankings, List.of());
    }

    private static Map<String, Object> neighborhood(
            int id,
            String name,
            Long population,
            Double moe,
            Double cv,
            String reliability,
            Double meanIncome,
            Double meanIncomeMoe,
            boolean hasReference) {
        Map<String, Object> row = new HashMap<>();
        row.put("neighborhood_id", id);
        row.put("neighborhood", name);
        row.put("population", population);
        row.put("population_moe", moe);
        row.put("population_cv", cv);
        row.put("population_reliability", reliability);
        row.put("mean_household_income", meanIncome);
        row.put("mean_household_income_moe", meanIncomeMoe);
        row.put("households", 100L * id);
        row.put("has_reference_row", hasReference);
        row.put("source_file", "total-population.csv");
        row.put("source_line", (long) id + 1);
        row.put("kafka_topic", "population.clean");
        row.put("kafka_partition", 0);
        row.put("kafka_offset", (long) id);
        row.put("schema_id", 2);
        row.put("producer_run_id", "run-" + name);
        row.put("enricher_batch_id", 7L);
        row.put("processed_at", Instant.parse("2026-12-02T03:00:00Z"));
        return row;
    }

    private static Map<String, Object> total(
            String metric,
            String unit,
            double estimate,
            double moe,
            double cv,
            String reliability,
            long included,
            long excluded) {
        Map<String, Object> row = new HashMap<>();
        row.put("metric", metric);
        row.put("unit", unit);
        row.put("estimate", estimate);
        row.put("moe", moe);
        row.put("cv", cv);
        row.put("reliability", reliability);
        row.put("neighborhoods_included", included);
        row.put("neighborhoods_excluded", excluded);
        row.put("enricher_batch_id", 7L);
        return row;
    }

    private static Map<String, Object> ranking(
            String metric,
            int rank,
            int id,
            String name,
            double value,
            double moe,
            Boolean differsFromNext,
            int best,
            int worst) {
        Map<String, Object> row = new HashMap<>();
        row.put("metric", metric);
        row.put("rank", rank);
        row.put("neighborhood_id", id);
        row.put("neighborhood", name);
        row.put("value", value);
        row.put("moe", moe);
        row.put("cv", moe / 1.645 / value);
        row.put("reliability", moe / 1.645 / value > 0.4 ? "low" : "high");
        row.put("differs_from_next", differsFromNext);
        row.put("rank_range_min", best);
        row.put("rank_range_max", worst);
        return row;
    }
}
