package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.popsurvey.schemas.SourceFile;

/**
 * Compares the generated set (N=2000) with the published files in ../shared/data/acs2015: the same
 * header lines, and shape statistics within a band around the real figure. Fails without the data
 * under CI=true, skips otherwise.
 */
class RealDataComparisonTest {

    @ParameterizedTest
    @EnumSource(SourceFile.class)
    void headerLineEqualsThePublishedFilesFirstLine(SourceFile file) throws IOException {
        Path real = RealDataFolder.require().resolve(file.fileName());
        String realHeader;
        try (BufferedReader reader = Files.newBufferedReader(real, StandardCharsets.US_ASCII)) {
            realHeader = reader.readLine(); // strips \r\n or \n: two of the copies are LF
        }
        String generated;
        try (BufferedReader reader = Files.newBufferedReader(GeneratedData.file(file), StandardCharsets.US_ASCII)) {
            generated = reader.readLine();
        }
        assertThat(generated).isEqualTo(realHeader).isEqualTo(file.headerLine());
    }

    @ParameterizedTest
    @EnumSource(
            value = SourceFile.class,
            names = {"TOTAL_POPULATION", "HEALTH_INSURANCE_BY_AGE", "SELF_EMPLOYMENT_INCOME"})
    void shareOfIntegerOnlyRowsIsNearThePublishedShare(SourceFile file) throws IOException {
        double real = share(real(file).rows(), CsvTable::integerOnly);
        double generated = share(GeneratedData.table(file).rows(), CsvTable::integerOnly);
        assertThat(real).isCloseTo(25 / 91.0, within(1e-9));
        assertThat(generated).isCloseTo(real, within(0.08));
    }

    @Test
    void populationRangeAndMedianArePlausible() throws IOException {
        List<Double> real = column(real(SourceFile.TOTAL_POPULATION).rows(), 2);
        List<Double> generated =
                column(GeneratedData.table(SourceFile.TOTAL_POPULATION).rows(), 2);
        assertThat(min(generated))
                .as("tiny neighbourhoods like Chateau (3)")
                .isLessThanOrEqualTo(PopulationKind.TINY_MAX_POPULATION);
        assertThat(min(generated)).isGreaterThanOrEqualTo(1);
        assertThat(max(generated)).isBetween(max(real) / 2, max(real) * 3);
        assertThat(median(generated)).isBetween(median(real) / 1.5, median(real) * 1.5);
    }

    @Test
    void relativeMarginOfErrorOfPopulationIsNearThePublishedOne() throws IOException {
        double real = median(ratios(
                real(SourceFile.TOTAL_POPULATION).rows(),
                (row, i) -> CsvTable.number(row.get(3)) / CsvTable.number(row.get(2))));
        double generated = median(ratios(
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows(),
                (row, i) -> CsvTable.number(row.get(3)) / CsvTable.number(row.get(2))));
        assertThat(generated).isBetween(real / 1.5, real * 1.5);
    }

    @Test
    void shareOfZeroHealthCellsIsNearThePublishedShare() throws IOException {
        double real = zeroShare(real(SourceFile.HEALTH_INSURANCE_BY_AGE).rows());
        double generated = zeroShare(
                GeneratedData.table(SourceFile.HEALTH_INSURANCE_BY_AGE).rows());
        assertThat(real).isCloseTo(2596 / 6006.0, within(1e-9));
        assertThat(generated).isCloseTo(real, within(0.1));
    }

    @Test
    void householdSizeAndMeanIncomeAreNearThePublishedOnes() throws IOException {
        CsvTable realPeople = real(SourceFile.TOTAL_POPULATION);
        CsvTable realHomes = real(SourceFile.SELF_EMPLOYMENT_INCOME);
        CsvTable realIncome = real(SourceFile.AGGREGATE_HOUSEHOLD_INCOME);
        double realSize = median(ratios(
                realPeople.rows(),
                (row, i) -> CsvTable.number(row.get(2))
                        / CsvTable.number(realHomes.rows().get(i).get(2))));
        double realMean = median(meanIncomes(realIncome, realHomes));
        CsvTable homes = GeneratedData.table(SourceFile.SELF_EMPLOYMENT_INCOME);
        double size = median(ratios(
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows(),
                (row, i) -> CsvTable.number(row.get(2))
                        / CsvTable.number(homes.rows().get(i).get(2))));
        double mean = median(meanIncomes(GeneratedData.table(SourceFile.AGGREGATE_HOUSEHOLD_INCOME), homes));
        assertThat(size).isCloseTo(realSize, within(0.3));
        assertThat(mean).isBetween(realMean / 1.3, realMean * 1.3);
    }

    @Test
    void shareOfSuppressedIncomeRowsIsNearThePublishedShare() throws IOException {
        double real = share(
                real(SourceFile.AGGREGATE_HOUSEHOLD_INCOME).rows(),
                row -> row.get(2).equals("-"));
        double generated = share(
                GeneratedData.table(SourceFile.AGGREGATE_HOUSEHOLD_INCOME).rows(),
                row -> row.get(2).equals("-"));
        assertThat(real).isCloseTo(2 / 91.0, within(1e-9));
        assertThat(generated).isBetween(real / 3, real * 3);
    }

    private static CsvTable real(SourceFile file) throws IOException {
        return CsvTable.read(RealDataFolder.require().resolve(file.fileName()));
    }

    private static double share(List<List<String>> rows, java.util.function.Predicate<List<String>> test) {
        return rows.stream().filter(test).count() / (double) rows.size();
    }

    private static double zeroShare(List<List<String>> rows) {
        long zeros = 0;
        long cells = 0;
        for (List<String> row : rows) {
            for (int cell = 2; cell < row.size(); cell += 2) {
                cells++;
                if (CsvTable.number(row.get(cell)) == 0) {
                    zeros++;
                }
            }
        }
        return zeros / (double) cells;
    }

    private static List<Double> meanIncomes(CsvTable income, CsvTable homes) {
        List<Double> means = new ArrayList<>();
        for (int i = 0; i < income.rows().size(); i++) {
            String dollars = income.rows().get(i).get(2);
            if (!dollars.equals("-")) {
                means.add(Double.parseDouble(dollars)
                        / CsvTable.number(homes.rows().get(i).get(2)));
            }
        }
        return means;
    }

    private static List<Double> column(List<List<String>> rows, int cell) {
        return rows.stream().map(row -> CsvTable.number(row.get(cell))).toList();
    }

    private static List<Double> ratios(List<List<String>> rows, ToDoubleBiFunction<List<String>, Integer> ratio) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            values.add(ratio.applyAsDouble(rows.get(i), i));
        }
        return values;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
