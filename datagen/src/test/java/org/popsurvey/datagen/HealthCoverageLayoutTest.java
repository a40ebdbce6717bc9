package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popsurvey.datagen.HealthCoverageLayout.AgeBand;
import org.popsurvey.datagen.HealthCoverageLayout.CoverageGroup;
import org.popsurvey.datagen.HealthCoverageLayout.CoverageKind;
import org.popsurvey.schemas.SourceFile;

/** The tree read from the published header keeps its irregularities. */
class HealthCoverageLayoutTest {

    private final HealthCoverageLayout layout = HealthCoverageLayout.published();

    @Test
    void sixtySixMeasuresInFourAgeBands() {
        assertThat(layout.columns()).isEqualTo(66);
        assertThat(layout.label(layout.totalColumn())).isEqualTo("Total:");
        assertThat(layout.bands())
                .extracting(AgeBand::label)
                .containsExactly("Under 18 years", "18 to 34 years", "35 to 64 years", "65 years and over");
        assertThat(layout.bands())
                .allSatisfy(band -> assertThat(band.groups())
                        .extracting(CoverageGroup::kind)
                        .containsExactly(CoverageKind.ONE_TYPE, CoverageKind.TWO_OR_MORE, CoverageKind.NONE));
    }

    @Test
    void coverageTypeCountsFollowThePublishedIrregularities() {
        List<List<Integer>> counts = new ArrayList<>();
        for (AgeBand band : layout.bands()) {
            counts.add(band.groups().stream().map(group -> group.types().size()).toList());
        }
        // 35-64 adds direct-purchase + Medicare; 65+ lacks Medicaid-only.
        assertThat(counts).containsExactly(List.of(6, 6, 0), List.of(6, 6, 0), List.of(6, 7, 0), List.of(5, 7, 0));
    }

    @Test
    void sixtyFivePlusTwoOrMoreGroupWithoutColonIsStillParsed() {
        CoverageGroup group = layout.bands().get(3).groups().get(1);
        assertThat(group.label()).isEqualTo("With two or more types of health insurance coverage");
        assertThat(layout.label(group.column()))
                .isEqualTo("65 years and over: - With two or more types of health insurance coverage");
        assertThat(layout.label(group.types().get(0).column()))
                .isEqualTo(
                        "65 years and over: - With two or more types of health insurance coverage - With employer-based and direct-purchase coverage");
    }

    @Test
    void everyColumnBelongsToExactlyOneNode() {
        List<Integer> columns = new ArrayList<>(List.of(layout.totalColumn()));
        for (AgeBand band : layout.bands()) {
            columns.add(band.column());
            for (CoverageGroup group : band.groups()) {
                columns.add(group.column());
                group.types().forEach(type -> columns.add(type.column()));
            }
        }
        assertThat(columns).doesNotHaveDuplicates().hasSize(66);
    }

    @Test
    void aHeaderWhoseMarginDoesNotMatchItsEstimateIsRefused() {
        List<String> header = new ArrayList<>(SourceFile.HEALTH_INSURANCE_BY_AGE.header());
        header.set(5, "Margin of Error; Something else:");
        assertThatThrownBy(() -> HealthCoverageLayout.parse(header))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Something else");
    }
}
