package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.popsurvey.schemas.SourceFile;

/** The published files' quirks show up in a generated set of 2000 neighbourhoods. */
class QuirksTest {

    @Test
    void aggregateIncomeHasDashAndDoubleStarForTheTiniestNeighborhoodsOnly() {
        List<List<String>> income =
                GeneratedData.table(SourceFile.AGGREGATE_HOUSEHOLD_INCOME).rows();
        List<List<String>> population =
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows();
        long suppressed = 0;
        for (int i = 0; i < income.size(); i++) {
            List<String> row = income.get(i);
            boolean dash = row.get(2).equals("-");
            assertThat(row.get(3).equals("**"))
                    .as("'-' and '**' come together in %s", row.get(0))
                    .isEqualTo(dash);
            if (dash) {
                suppressed++;
                assertThat(CsvTable.whole(population.get(i).get(2)))
                        .isLessThanOrEqualTo(PopulationKind.TINY_MAX_POPULATION);
            }
        }
        // Real: 2 of 91 (2.2%).
        assertThat(suppressed).isBetween(10L, 100L);
    }

    @Test
    void aggregateIncomeHasItsOwnNumberFormat() {
        List<List<String>> population =
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows();
        int decimalMargins = 0;
        int wholeMultiTractMargins = 0;
        for (int i = 0; i < population.size(); i++) {
            List<String> row = GeneratedData.table(SourceFile.AGGREGATE_HOUSEHOLD_INCOME)
                    .rows()
                    .get(i);
            if (row.get(2).equals("-")) {
                continue;
            }
            assertThat(row.get(2)).as("estimates are plain integers, never .0").matches("[1-9][0-9]*");
            if (CsvTable.integerOnly(population.get(i))) {
                assertThat(row.get(3)).as("single-tract MOE is an integer").matches("[1-9][0-9]*");
            } else {
                assertThat(row.get(3))
                        .as("Excel-style MOE")
                        .matches("[1-9][0-9]*(\\.[0-9]{1,3})?")
                        .hasSizeLessThanOrEqualTo(11);
                if (row.get(3).contains(".")) {
                    decimalMargins++;
                } else {
                    wholeMultiTractMargins++;
                }
            }
        }
        assertThat(decimalMargins).isGreaterThan(1000);
        assertThat(wholeMultiTractMargins)
                .as("multi-tract MOEs that rounded to a whole number")
                .isLessThan(decimalMargins / 10);
    }

    @Test
    void multiTractRowsWriteWholeEstimatesAsFloatsAndMarginsWithTwelveDigits() {
        List<List<String>> rows =
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows();
        long floatEstimates =
                rows.stream().filter(row -> row.get(2).endsWith(".0")).count();
        long twelveDigitMargins = rows.stream()
                .filter(row -> row.get(3).replace(".", "").length() == 12)
                .count();
        assertThat(floatEstimates).isGreaterThan(1000);
        assertThat(twelveDigitMargins).isGreaterThan(1000);
    }

    @Test
    void zeroEstimatesWithNonZeroMarginsAppearInBothNumberFormats() {
        int integerZeros = 0;
        int floatZeros = 0;
        int tenTimesRootTwo = 0;
        for (SourceFile file : List.of(SourceFile.HEALTH_INSURANCE_BY_AGE, SourceFile.SELF_EMPLOYMENT_INCOME)) {
            for (List<String> row : GeneratedData.table(file).rows()) {
                for (int cell = 2; cell < row.size(); cell += 2) {
                    String estimate = row.get(cell);
                    String margin = row.get(cell + 1);
                    if (estimate.equals("0")) {
                        assertThat(margin).isEqualTo("10");
                        integerZeros++;
                    } else if (estimate.equals("0.0")) {
                        floatZeros++;
                        if (margin.equals("14.1421356237")) {
                            tenTimesRootTwo++;
                        }
                    }
                }
            }
        }
        assertThat(integerZeros).isPositive();
        assertThat(floatZeros).isPositive();
        assertThat(tenTimesRootTwo)
                .as("two-tract zero: sqrt(2)*10 written as 14.1421356237")
                .isPositive();
    }

    @Test
    void selfEmploymentHasRowsWithNoSelfEmployedHousehold() {
        long zeros = GeneratedData.table(SourceFile.SELF_EMPLOYMENT_INCOME).rows().stream()
                .filter(row -> CsvTable.number(row.get(4)) == 0)
                .count();
        // Real: 10 of 91.
        assertThat(zeros).isBetween(GeneratedData.COUNT / 50, GeneratedData.COUNT / 5);
    }

    @Test
    void tinyPopulationsAppearAndSomeHaveMarginsAboveTheirEstimate() {
        List<List<String>> rows =
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows();
        List<List<String>> tiny = rows.stream()
                .filter(row -> CsvTable.number(row.get(2)) <= PopulationKind.TINY_MAX_POPULATION)
                .toList();
        assertThat(tiny)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(CsvTable.integerOnly(row)).isTrue());
        assertThat(tiny)
                .anySatisfy(row -> assertThat(CsvTable.number(row.get(3))).isGreaterThan(CsvTable.number(row.get(2))));
        assertThat(tiny)
                .anySatisfy(row ->
                        assertThat(CsvTable.number(row.get(3))).isLessThanOrEqualTo(CsvTable.number(row.get(2))));
    }
}
