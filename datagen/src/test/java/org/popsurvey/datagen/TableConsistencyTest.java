package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popsurvey.datagen.HealthCoverageLayout.AgeBand;
import org.popsurvey.datagen.HealthCoverageLayout.CoverageGroup;
import org.popsurvey.datagen.HealthCoverageLayout.CoverageKind;
import org.popsurvey.datagen.HealthCoverageLayout.CoverageType;
import org.popsurvey.schemas.AcsAnnotation;
import org.popsurvey.schemas.SourceFile;

/** The sums the published tables hold, checked on every parsed row of the generated files (N=2000). */
class TableConsistencyTest {

    private static final HealthCoverageLayout LAYOUT = HealthCoverageLayout.published();

    @Test
    void healthTotalIsTheSumOfTheAgeBandsAndEveryParentTheSumOfItsChildren() {
        for (List<String> row :
                GeneratedData.table(SourceFile.HEALTH_INSURANCE_BY_AGE).rows()) {
            long bands = 0;
            for (AgeBand band : LAYOUT.bands()) {
                long bandTotal = estimate(row, band.column());
                bands += bandTotal;
                long groups = 0;
                for (CoverageGroup group : band.groups()) {
                    long groupTotal = estimate(row, group.column());
                    groups += groupTotal;
                    if (group.kind() != CoverageKind.NONE) {
                        long types = 0;
                        for (CoverageType type : group.types()) {
                            types += estimate(row, type.column());
                        }
                        assertThat(types)
                                .as("%s / %s / %s", row.get(0), band.label(), group.label())
                                .isEqualTo(groupTotal);
                    }
                }
                assertThat(groups)
                        .as("%s / %s = one type + two or more + none", row.get(0), band.label())
                        .isEqualTo(bandTotal);
            }
            assertThat(bands)
                    .as("%s: Total = sum of the 4 age bands", row.get(0))
                    .isEqualTo(estimate(row, LAYOUT.totalColumn()));
        }
    }

    @Test
    void healthTotalIsCloseToButNeverAbovePopulationAndOftenBelow() {
        List<List<String>> population =
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows();
        List<List<String>> health =
                GeneratedData.table(SourceFile.HEALTH_INSURANCE_BY_AGE).rows();
        int below = 0;
        for (int i = 0; i < population.size(); i++) {
            long people = CsvTable.whole(population.get(i).get(2));
            long covered = CsvTable.whole(health.get(i).get(2));
            assertThat(covered)
                    .as(population.get(i).get(0))
                    .isLessThanOrEqualTo(people)
                    .isGreaterThanOrEqualTo(people * 55 / 100);
            if (covered < people) {
                below++;
            } else {
                assertThat(health.get(i).get(3))
                        .as("same MOE when the totals agree")
                        .isEqualTo(population.get(i).get(3));
            }
        }
        assertThat(below)
                .as("rows with a health total below population (real: 37 of 91)")
                .isBetween(population.size() / 4, population.size() * 3 / 4);
    }

    @Test
    void selfEmploymentTotalIsWithPlusNoExactly() {
        for (List<String> row :
                GeneratedData.table(SourceFile.SELF_EMPLOYMENT_INCOME).rows()) {
            assertThat(CsvTable.whole(row.get(4)) + CsvTable.whole(row.get(6)))
                    .as(row.get(0))
                    .isEqualTo(CsvTable.whole(row.get(2)));
        }
    }

    @Test
    void householdsAreFewerThanPeopleAndAggregateIncomeIsPlausiblePerHousehold() {
        List<List<String>> population =
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows();
        List<List<String>> households =
                GeneratedData.table(SourceFile.SELF_EMPLOYMENT_INCOME).rows();
        List<List<String>> income =
                GeneratedData.table(SourceFile.AGGREGATE_HOUSEHOLD_INCOME).rows();
        for (int i = 0; i < population.size(); i++) {
            long people = CsvTable.whole(population.get(i).get(2));
            long homes = CsvTable.whole(households.get(i).get(2));
            assertThat(homes).as(population.get(i).get(0)).isBetween(1L, people);
            String dollars = income.get(i).get(2);
            if (!dollars.equals(AcsAnnotation.NO_ESTIMATE.symbol())) {
                assertThat(Long.parseLong(dollars) / (double) homes)
                        .as("mean household income of %s", population.get(i).get(0))
                        .isBetween(15_000.0, 200_000.0);
                assertThat(Long.parseLong(dollars) % 100)
                        .as("published in hundreds of dollars")
                        .isZero();
            }
        }
    }

    @Test
    void everyMarginOfErrorIsPositiveAndZeroEstimatesCarryTheZeroCountMargin() {
        List<String> bad = new ArrayList<>();
        for (SourceFile file : List.of(
                SourceFile.TOTAL_POPULATION, SourceFile.HEALTH_INSURANCE_BY_AGE, SourceFile.SELF_EMPLOYMENT_INCOME)) {
            for (List<String> row : GeneratedData.table(file).rows()) {
                for (int cell = 2; cell < row.size(); cell += 2) {
                    double estimate = CsvTable.number(row.get(cell));
                    double margin = CsvTable.number(row.get(cell + 1));
                    // A zero count's MOE is sqrt(k) * 10 for a k-tract neighbourhood: (margin/10)^2 is whole.
                    double tracts = (margin / 10) * (margin / 10);
                    boolean zeroMarginOk = estimate != 0
                            || (Math.abs(tracts - Math.rint(tracts)) < 1e-6
                                    && Math.rint(tracts) >= 1
                                    && Math.rint(tracts) <= 15);
                    if (!(margin > 0) || !zeroMarginOk) {
                        bad.add(file.fileName() + " " + row.get(0) + ": " + row.get(cell) + " MOE "
                                + row.get(cell + 1));
                    }
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    private static long estimate(List<String> row, int column) {
        return CsvTable.whole(row.get(HealthCoverageLayout.LEADING_CELLS + 2 * column));
    }
}
