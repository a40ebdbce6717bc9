package org.popsurvey.enricher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.popsurvey.enricher.testing.PlainParquet.doubleOrNull;
import static org.popsurvey.enricher.testing.PlainParquet.stringOrNull;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.testing.AcsData;
import org.popsurvey.enricher.testing.CleanTopic;
import org.popsurvey.enricher.testing.InProcessEnricher;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.enricher.testing.TestSpark;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * The reliability and significance columns of the published data against values computed here,
 * independently, from the raw CSV cells: every estimate and MOE re-derived with the Census
 * Bureau's formulas, CV = MOE / 1.645 / estimate, classes at 12% and 40%, and the Bureau's test
 * between every pair of ranked neighborhoods. Nothing here calls the enricher's formulas.
 */
class ReliabilityIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    @TempDir
    static Path work;

    private static final Configuration CONF = new Configuration();
    private static Map<Integer, Map<String, Estimate>> expected;
    private static Map<Integer, Group> neighborhoods;
    private static String output;

    /** An estimate and its 90% margin, either possibly unknown (null). */
    record Estimate(Double value, Double moe) {
        Double cv() {
            return value == null || moe == null || value == 0 ? null : moe / 1.645 / Math.abs(value);
        }

        String reliability() {
            Double cv = cv();
            return cv == null ? null : cv <= 0.12 ? "high" : cv <= 0.40 ? "medium" : "low";
        }
    }

    @BeforeAll
    static void enrichThePublishedFiles() throws Exception {
        Path data = AcsData.directory();
        String topic = "reliability-" + UUID.randomUUID();
        STACK.createTopic(topic, 2);
        try (CleanTopic clean = new CleanTopic(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic)) {
            clean.sendAll(CleanTopic.realRecords(AcsData.file(SourceFile.TOTAL_POPULATION)));
        }
        output = work.resolve("out").toString();
        InProcessEnricher.runOnce(
                TestSpark.session(),
                STACK.bootstrapServers(),
                STACK.schemaRegistryUrl(),
                topic,
                data.toString(),
                output,
                work.resolve("checkpoint").toString());
        expected = fromCsvs();
        neighborhoods = PlainParquet.readFolder(CONF, output + "/neighborhoods").stream()
                .collect(Collectors.toMap(g -> g.getInteger("neighborhood_id", 0), Function.identity()));
    }

    @Test
    void everyNeighborhoodsCvAndReliabilityMatchTheRawFiles() {
        assertThat(neighborhoods).hasSize(91);
        int checked = 0;
        for (Map.Entry<Integer, Map<String, Estimate>> entry : expected.entrySet()) {
            Group row = neighborhoods.get(entry.getKey());
            for (Map.Entry<String, Estimate> metric : entry.getValue().entrySet()) {
                String name = metric.getKey();
                Estimate estimate = metric.getValue();
                String where = row.getString("neighborhood", 0) + " " + name;
                if (estimate.cv() == null) {
                    assertThat(doubleOrNull(row, name + "_cv")).as(where).isNull();
                } else {
                    assertThat(doubleOrNull(row, name + "_cv")).as(where).isCloseTo(estimate.cv(), within(1e-9));
                }
                assertThat(stringOrNull(row, name + "_reliability")).as(where).isEqualTo(estimate.reliability());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(91 * 15);
        // Spot checks by hand: Allegheny Center 1,411 ± 196 people -> CV 8.44%, high; Chateau 3 ± 3 -> 60.8%, low;
        // Chateau's income is '-' with '**': no CV, no class.
        assertThat(neighborhoods.get(1).getDouble("population_cv", 0)).isCloseTo(0.0844429, within(1e-7));
        assertThat(neighborhoods.get(1).getString("population_reliability", 0)).isEqualTo("high");
        assertThat(neighborhoods.get(22).getDouble("population_cv", 0)).isCloseTo(0.6079027, within(1e-7));
        assertThat(neighborhoods.get(22).getString("population_reliability", 0)).isEqualTo("low");
        assertThat(doubleOrNull(neighborhoods.get(22), "mean_household_income_cv"))
                .isNull();
        assertThat(stringOrNull(neighborhoods.get(22), "mean_household_income_reliability"))
                .isNull();
        // A zero estimate has no CV: Ids with no self-employed household.
        assertThat(doubleOrNull(neighborhoods.get(5), "self_employment_rate_cv"))
                .isNull();
    }

    @Test
    void everyCityTotalsCvAndReliabilityMatchTheRawFiles() {
        Map<String, Group> totals = PlainParquet.readFolder(CONF, output + "/metrics/city_totals").stream()
                .collect(Collectors.toMap(g -> g.getString("metric", 0), Function.identity()));
        Map<String, Estimate> city = cityTotals();
        assertThat(totals.keySet()).containsExactlyInAnyOrderElementsOf(city.keySet());
        for (Map.Entry<String, Estimate> metric : city.entrySet()) {
            Group row = totals.get(metric.getKey());
            assertThat(row.getDouble("estimate", 0))
                    .as(metric.getKey())
                    .isCloseTo(metric.getValue().value(), within(1e-6));
            assertThat(row.getDouble("cv", 0))
                    .as(metric.getKey())
                    .isCloseTo(metric.getValue().cv(), within(1e-9));
            assertThat(row.getString("reliability", 0))
                    .as(metric.getKey())
                    .isEqualTo(metric.getValue().reliability());
        }
        // 309,327 ± 4,198.33: CV = 4198.33 / 1.645 / 309327 = 0.82507%
        assertThat(totals.get("population").getDouble("cv", 0)).isCloseTo(0.0082507, within(1e-7));

        Group income = PlainParquet.readFolder(CONF, output + "/metrics/household_income")
                .get(0);
        assertThat(income.getDouble("mean_household_income_cv", 0))
                .isCloseTo(city.get("mean_household_income").cv(), within(1e-9));
        assertThat(income.getString("per_capita_income_reliability", 0))
                .isEqualTo(city.get("per_capita_income").reliability());
    }

    @Test
    void significanceOfAdjacentRanksAndRankRangesMatchTheBureausTestOnTheRawValues() {
        List<Group> rankings = PlainParquet.readFolder(CONF, output + "/metrics/neighborhood_rankings");
        int pairs = 0;
        for (String metric : List.of(
                "population", "mean_household_income", "per_capita_income", "uninsured_rate", "self_employment_rate")) {
            // The table's own row order (one file, written in rank order): "the next one" among ties is
            // the next row, so the order is checked rather than rebuilt.
            List<Group> ranked = rankings.stream()
                    .filter(g -> g.getString("metric", 0).equals(metric))
                    .toList();
            assertThat(ranked).isSortedAccordingTo(Comparator.comparingDouble((Group g) -> -g.getDouble("value", 0)));
            List<Estimate> values = new ArrayList<>();
            for (Group row : ranked) {
                Estimate estimate =
                        expected.get(row.getInteger("neighborhood_id", 0)).get(metric);
                assertThat(row.getDouble("value", 0)).isCloseTo(estimate.value(), within(1e-9));
                values.add(estimate);
            }
            for (int i = 0; i < ranked.size(); i++) {
                Group row = ranked.get(i);
                String where = metric + " rank " + row.getInteger("rank", 0) + " " + row.getString("neighborhood", 0);
                if (i + 1 < ranked.size()
                        && values.get(i).moe() != null
                        && values.get(i + 1).moe() != null) {
                    // Next value in rank order; ties at the same value may come in either order.
                    boolean differ = z(values.get(i), values.get(i + 1)) > 1.645;
                    assertThat(row.getBoolean("differs_from_next", 0)).as(where).isEqualTo(differ);
                    pairs++;
                }
                int best = Integer.MAX_VALUE;
                int worst = Integer.MIN_VALUE;
                for (int j = 0; j < ranked.size(); j++) {
                    if (values.get(j).moe() != null && z(values.get(i), values.get(j)) <= 1.645) {
                        best = Math.min(best, ranked.get(j).getInteger("rank", 0));
                        worst = Math.max(worst, ranked.get(j).getInteger("rank", 0));
                    }
                }
                assertThat(row.getInteger("rank_range_min", 0)).as(where).isEqualTo(best);
                assertThat(row.getInteger("rank_range_max", 0)).as(where).isEqualTo(worst);
            }
        }
        assertThat(pairs).isGreaterThan(400);
    }

    private static double z(Estimate a, Estimate b) {
        double se1 = a.moe() / 1.645;
        double se2 = b.moe() / 1.645;
        return Math.abs(a.value() - b.value()) / Math.sqrt(se1 * se1 + se2 * se2);
    }

    /** Per Id, the 15 estimates that carry reliability columns, derived from the raw cells. */
    private static Map<Integer, Map<String, Estimate>> fromCsvs() throws Exception {
        Map<Integer, CSVRecord> population = csv(SourceFile.TOTAL_POPULATION);
        Map<Integer, CSVRecord> income = csv(SourceFile.AGGREGATE_HOUSEHOLD_INCOME);
        Map<Integer, CSVRecord> health = csv(SourceFile.HEALTH_INSURANCE_BY_AGE);
        Map<Integer, CSVRecord> selfEmployment = csv(SourceFile.SELF_EMPLOYMENT_INCOME);
        Map<Integer, Map<String, Estimate>> all = new HashMap<>();
        for (int id : population.keySet()) {
            Map<String, Estimate> m = new HashMap<>();
            Estimate people = cell(population.get(id), 2);
            Estimate aggregate = cell(income.get(id), 2);
            Estimate households = cell(selfEmployment.get(id), 2);
            Estimate withSelf = cell(selfEmployment.get(id), 4);
            CSVRecord h = health.get(id);
            Estimate universe = named(h, "Total:");
            m.put("population", people);
            m.put("civilian_noninstitutionalized_population", universe);
            m.put("pop_under_18", named(h, "Under 18 years:"));
            m.put("pop_18_34", named(h, "18 to 34 years:"));
            m.put("pop_35_64", named(h, "35 to 64 years:"));
            m.put("pop_65_plus", named(h, "65 years and over:"));
            m.put("households", households);
            m.put("households_with_self_employment_income", withSelf);
            m.put("households_without_self_employment_income", cell(selfEmployment.get(id), 6));
            m.put("aggregate_household_income", aggregate);
            Estimate uninsured = sum(List.of(
                    named(h, "Under 18 years: - No health insurance coverage"),
                    named(h, "18 to 34 years: - No health insurance coverage"),
                    named(h, "35 to 64 years: - No health insurance coverage"),
                    named(h, "65 years and over: - No health insurance coverage")));
            m.put("uninsured", uninsured);
            m.put("mean_household_income", ratio(aggregate, households));
            m.put("per_capita_income", ratio(aggregate, people));
            m.put("self_employment_rate", proportion(withSelf, households));
            m.put("uninsured_rate", proportion(uninsured, universe));
            all.put(id, m);
        }
        return all;
    }

    /** city_totals: sums over the neighborhoods where known; fractions over those where both parts are. */
    private static Map<String, Estimate> cityTotals() {
        Map<String, Estimate> city = new HashMap<>();
        for (String column : List.of(
                "population",
                "civilian_noninstitutionalized_population",
                "uninsured",
                "households",
                "households_with_self_employment_income",
                "households_without_self_employment_income",
                "aggregate_household_income")) {
            city.put(
                    column,
                    sum(expected.values().stream()
                            .map(m -> m.get(column))
                            .filter(e -> e.value() != null)
                            .toList()));
        }
        city.put(
                "uninsured_rate",
                proportion(city.get("uninsured"), city.get("civilian_noninstitutionalized_population")));
        city.put(
                "self_employment_rate",
                proportion(city.get("households_with_self_employment_income"), city.get("households")));
        city.put(
                "mean_household_income",
                ratio(city.get("aggregate_household_income"), maskedSum("households", "aggregate_household_income")));
        city.put(
                "per_capita_income",
                ratio(city.get("aggregate_household_income"), maskedSum("population", "aggregate_household_income")));
        return city;
    }

    private static Estimate maskedSum(String column, String knownColumn) {
        return sum(expected.values().stream()
                .filter(m -> m.get(knownColumn).value() != null)
                .map(m -> m.get(column))
                .toList());
    }

    /** The Bureau's sum: root of the squared MOEs of the non-zero parts plus the largest zero-estimate MOE once. */
    private static Estimate sum(List<Estimate> parts) {
        double value = 0;
        double squares = 0;
        double largestZero = 0;
        for (Estimate part : parts) {
            value += part.value();
            if (part.value() == 0) {
                largestZero = Math.max(largestZero, part.moe());
            } else {
                squares += part.moe() * part.moe();
            }
        }
        return new Estimate(value, Math.sqrt(squares + largestZero * largestZero));
    }

    private static Estimate ratio(Estimate x, Estimate y) {
        if (x.value() == null || y.value() == null || y.value() == 0) {
            return new Estimate(null, null);
        }
        double r = x.value() / y.value();
        return new Estimate(r, Math.sqrt(x.moe() * x.moe() + r * r * y.moe() * y.moe()) / y.value());
    }

    private static Estimate proportion(Estimate x, Estimate y) {
        if (x.value() == null || y.value() == null || y.value() == 0) {
            return new Estimate(null, null);
        }
        double p = x.value() / y.value();
        double radicand = x.moe() * x.moe() - p * p * y.moe() * y.moe();
        return radicand < 0 ? ratio(x, y) : new Estimate(p, Math.sqrt(radicand) / y.value());
    }

    private static Estimate named(CSVRecord row, String label) {
        return new Estimate(number(row.get("Estimate; " + label)), number(row.get("Margin of Error; " + label)));
    }

    private static Estimate cell(CSVRecord row, int estimateColumn) {
        return new Estimate(number(row.get(estimateColumn)), number(row.get(estimateColumn + 1)));
    }

    /** A number, or null for an ACS annotation ('-', '**'). */
    private static Double number(String cell) {
        return cell.matches("[0-9.]+") ? Double.valueOf(cell) : null;
    }

    private static Map<Integer, CSVRecord> csv(SourceFile file) throws Exception {
        Map<Integer, CSVRecord> rows = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(AcsData.file(file))) {
            for (CSVRecord row : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(reader)) {
                rows.put(Integer.parseInt(row.get("Id")), row);
            }
        }
        return rows;
    }
}
