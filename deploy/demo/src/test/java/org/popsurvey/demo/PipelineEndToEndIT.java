package org.popsurvey.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.report.data.Format;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.testkit.SharedData;
import picocli.CommandLine;

/**
 * The published files plus injected malformed rows, through the real broker, registry, Kafka
 * Streams, Spark and HDFS, exactly as {@code ./popsurvey demo --fast --hdfs --data DIR} runs them.
 * Expected values are computed here from the raw CSVs, independently of the pipeline's code.
 */
class PipelineEndToEndIT {

    /** Appended rows and what a careful validator must do with each. */
    private static final List<String> INJECTED = List.of(
            "Bad Estimate Park,92,abc,10", // ESTIMATE_NOT_A_NUMBER
            "Fraction Flats,93,12.5,3", // ESTIMATE_NOT_WHOLE
            "Short Row,94,100", // CELL_COUNT_MISMATCH
            ",95,100,10", // NEIGHBORHOOD_EMPTY
            "No Sample Hill,96,-,**", // ESTIMATE_NO_SAMPLE
            "Allentown,3,2558.0,449.773276218", // identical re-send of line 4: absorbed
            "Allentown,3,9999,1"); // same Id, other content: CONFLICTING_RESEND

    @TempDir
    Path dir;

    @Test
    void realFilesAndMalformedRowsAreAccountedForAndEnrichedCorrectly() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (SourceFile file : SourceFile.values()) {
            Files.copy(SharedData.acs2015(file.fileName()), data.resolve(file.fileName()));
        }
        Files.writeString(
                data.resolve(SourceFile.TOTAL_POPULATION.fileName()),
                String.join("\r\n", INJECTED) + "\r\n",
                StandardCharsets.US_ASCII,
                StandardOpenOption.APPEND);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine demo = PopsurveyCommandLine.create(new DemoCommand());
        demo.setOut(new PrintWriter(out, true));
        demo.setErr(new PrintWriter(err, true));
        int exit = demo.execute(
                "--fast",
                "--hdfs",
                "--data",
                data.toString(),
                "--out",
                dir.resolve("out").toString());

        assertThat(exit).as(err.toString()).isZero();
        String summary = out.toString();
        assertThat(summary).contains("98 = 91 + 6 + 1");
        assertThat(summary)
                .containsPattern("ESTIMATE_NOT_A_NUMBER +1 ")
                .containsPattern("ESTIMATE_NOT_WHOLE +1 ")
                .containsPattern("CELL_COUNT_MISMATCH +1 ")
                .containsPattern("NEIGHBORHOOD_EMPTY +1 ")
                .containsPattern("ESTIMATE_NO_SAMPLE +1 ")
                .containsPattern("CONFLICTING_RESEND +1 ");
        assertThat(err.toString()).contains("reference tables from hdfs://127.0.0.1:");

        ParquetOutput parquet = new ParquetOutput(dir.resolve("out").resolve("parquet"));
        List<Map<String, String>> rows = parquet.read(parquet.neighborhoods());
        Map<String, Map<String, String>> byId =
                rows.stream().collect(Collectors.toMap(row -> row.get("neighborhood_id"), row -> row));
        assertThat(rows).hasSize(91);
        assertThat(byId).hasSize(91);

        Map<String, String[]> population = cells(data, SourceFile.TOTAL_POPULATION);
        Map<String, String[]> income = cells(data, SourceFile.AGGREGATE_HOUSEHOLD_INCOME);
        Map<String, String[]> selfEmployment = cells(data, SourceFile.SELF_EMPLOYMENT_INCOME);
        Map<String, String[]> health = cells(data, SourceFile.HEALTH_INSURANCE_BY_AGE);
        List<Integer> uninsuredColumns = uninsuredEstimateColumns();

        long populationSum = 0;
        for (String id : population.keySet()) {
            populationSum += (long) Double.parseDouble(population.get(id)[2]);
        }
        assertThat(populationSum).isEqualTo(309_327L);
        assertThat(rows.stream()
                        .mapToLong(row -> Long.parseLong(row.get("population")))
                        .sum())
                .isEqualTo(populationSum);

        for (String id : List.of("1", "3", "22", "78")) {
            Map<String, String> row = byId.get(id);
            assertThat(row.get("neighborhood")).isEqualTo(population.get(id)[0]);
            assertThat(Long.parseLong(row.get("population")))
                    .isEqualTo((long) Double.parseDouble(population.get(id)[2]));
            assertThat(Double.parseDouble(row.get("population_moe")))
                    .isCloseTo(Double.parseDouble(population.get(id)[3]), within(1e-9));
            double households = Double.parseDouble(selfEmployment.get(id)[2]);
            assertThat(Double.parseDouble(row.get("households"))).isEqualTo(households);
            double uninsured = uninsuredColumns.stream()
                    .mapToDouble(c -> Double.parseDouble(health.get(id)[c]))
                    .sum();
            assertThat(Double.parseDouble(row.get("uninsured"))).isEqualTo(uninsured);
            String aggregate = income.get(id)[2];
            if (aggregate.equals("-")) {
                assertThat(row.get("aggregate_household_income")).isNull();
                assertThat(row.get("mean_household_income")).isNull();
            } else {
                assertThat(Double.parseDouble(row.get("aggregate_household_income")))
                        .isEqualTo(Double.parseDouble(aggregate));
                assertThat(Double.parseDouble(row.get("mean_household_income")))
                        .isCloseTo(Double.parseDouble(aggregate) / households, within(1e-6));
            }
        }
        assertThat(byId.get("22").get("neighborhood")).isEqualTo("Chateau");
        assertThat(byId.get("3").get("population"))
                .as("the conflicting re-send did not replace the row")
                .isEqualTo("2558");

        Map<String, String> cityPopulation = parquet.read(parquet.metrics().get("city_totals")).stream()
                .filter(row -> "population".equals(row.get("metric")))
                .findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(cityPopulation.get("estimate"))).isEqualTo(309_327.0);
        double moeSquares = population.values().stream()
                .mapToDouble(c -> Math.pow(Double.parseDouble(c[3]), 2))
                .sum();
        assertThat(Double.parseDouble(cityPopulation.get("moe"))).isCloseTo(Math.sqrt(moeSquares), within(1e-6));

        reportShowsTheParquetsNumbers(summary, parquet);
    }

    /** The census report the demo built, parsed, against the Parquet tables read independently. */
    private void reportShowsTheParquetsNumbers(String summary, ParquetOutput parquet) throws IOException {
        Path file = dir.resolve("out").resolve("parquet").resolve("report").resolve("index.html");
        assertThat(summary).contains("Census report: " + file);
        Document page = Jsoup.parse(file.toFile(), "UTF-8");
        assertThat(page.select("script")).isEmpty();
        assertThat(page.selectFirst(".card[data-metric=population] .figure").text())
                .isEqualTo("309,327 ± 4,198");

        for (Map<String, String> row : parquet.read(parquet.metrics().get("city_totals"))) {
            Element shown = page.selectFirst("table.city-totals tr[data-metric=" + row.get("metric") + "]");
            boolean rate = row.get("unit").equals("proportion");
            assertThat(Format.parse(shown.selectFirst("td.estimate").text()))
                    .as(row.get("metric"))
                    .isCloseTo(Double.parseDouble(row.get("estimate")), within(rate ? 0.0005 : 0.5));
            assertThat(Format.parse(shown.selectFirst("td.moe").text()))
                    .as(row.get("metric"))
                    .isCloseTo(Double.parseDouble(row.get("moe")), within(rate ? 0.0005 : 0.5));
            assertThat(Format.parse(shown.selectFirst("td.cv").text()))
                    .isCloseTo(Double.parseDouble(row.get("cv")), within(0.0005));
            assertThat(shown.selectFirst("td.reliability").text()).isEqualTo(row.get("reliability"));
        }

        List<Map<String, String>> rankings = parquet.read(parquet.metrics().get("neighborhood_rankings"));
        for (String metric : List.of(
                "population", "mean_household_income", "per_capita_income", "uninsured_rate", "self_employment_rate")) {
            Map<String, Map<String, String>> expected = rankings.stream()
                    .filter(r -> r.get("metric").equals(metric))
                    .collect(Collectors.toMap(r -> r.get("neighborhood_id"), r -> r));
            List<Element> rows = page.select("table.ranking[data-metric=" + metric + "] tbody tr");
            assertThat(rows).as(metric).hasSize(expected.size());
            for (Element tr : rows) {
                Map<String, String> row = expected.get(tr.attr("data-neighborhood-id"));
                assertThat(tr.selectFirst("td.neighborhood").text()).isEqualTo(row.get("neighborhood"));
                assertThat(tr.selectFirst("td.rank").text()).isEqualTo(row.get("rank"));
                boolean rate = metric.endsWith("_rate");
                assertThat(Format.parse(tr.selectFirst("td.estimate").text()))
                        .as(metric + " " + row.get("neighborhood"))
                        .isCloseTo(Double.parseDouble(row.get("value")), within(rate ? 0.0005 : 0.5));
                assertThat(tr.selectFirst("td.range").text())
                        .isEqualTo(row.get("rank_range_min") + "–" + row.get("rank_range_max"));
                assertThat(tr.hasClass("gap")).isEqualTo("true".equals(row.get("differs_from_next")));
                assertThat(tr.selectFirst("td.reliability").text())
                        .isEqualTo(row.get("reliability") == null ? "unknown" : row.get("reliability"));
            }
        }
        // Income is '-' for Chateau and South Shore: listed as excluded with the ACS reason.
        assertThat(page.select("table.exclusions tr[data-metric=mean_household_income] td.neighborhood")
                        .eachText())
                .containsExactly("Chateau", "South Shore");
        // The injected rows' dead letters, per code, from the topic.
        for (String code : List.of(
                "ESTIMATE_NOT_A_NUMBER",
                "ESTIMATE_NOT_WHOLE",
                "CELL_COUNT_MISMATCH",
                "NEIGHBORHOOD_EMPTY",
                "ESTIMATE_NO_SAMPLE",
                "CONFLICTING_RESEND")) {
            assertThat(page.selectFirst("tr[data-code=" + code + "] td.count").text())
                    .as(code)
                    .isEqualTo("1");
        }
        assertThat(page.selectFirst("tr[data-count=rows-read] td.count").text()).isEqualTo("98");
        assertThat(page.selectFirst("tr[data-count=absorbed] td.count").text()).isEqualTo("1");
    }

    /** The published rows of a file by Id (the originals have no quoted cells, so a split is exact). */
    private static Map<String, String[]> cells(Path data, SourceFile file) throws IOException {
        Map<String, String[]> byId = new HashMap<>();
        List<String> lines = Files.readAllLines(data.resolve(file.fileName()), StandardCharsets.US_ASCII);
        for (String line : lines.subList(1, 92)) {
            String[] cells = line.replace("\r", "").split(",", -1);
            byId.put(cells[1], cells);
        }
        return byId;
    }

    private static List<Integer> uninsuredEstimateColumns() {
        List<String> header = SourceFile.HEALTH_INSURANCE_BY_AGE.header();
        List<Integer> columns = new java.util.ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("Estimate;") && header.get(i).endsWith("No health insurance coverage")) {
                columns.add(i);
            }
        }
        assertThat(columns).hasSize(4);
        return columns;
    }
}
