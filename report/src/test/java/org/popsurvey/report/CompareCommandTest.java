package org.popsurvey.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.report.data.Metric;
import org.popsurvey.report.data.OutputData;

class CompareCommandTest {

    private static final OutputData DATA = ReportFixture.data();

    @Test
    void everyMetricIsPrintedSideBySideWithTheBureausVerdict() {
        StringWriter out = new StringWriter();
        CompareCommand.print(
                new PrintWriter(out),
                DATA.neighborhoods().get(0),
                DATA.neighborhoods().get(2));
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).contains(ReportFixture.SCRIPT_NAME).contains(ReportFixture.PLAIN_NAME);
        // |12,345 - 9,000| / sqrt((456.7/1.645)^2 + (2000/1.645)^2) = 3345 / 1247.1 = 2.68 > 1.645
        assertThat(lines.get(1))
                .startsWith("Population ")
                .contains("12,345 ± 457 (high)")
                .contains("9,000 ± 2,000 (medium)")
                .endsWith("differ (Z = 2.68)");
        // |51,234.5 - 40,000| / sqrt((9876.5/1.645)^2 + (20000/1.645)^2) = 0.83
        assertThat(out.toString()).contains("no significant difference (Z = 0.83)");
        assertThat(lines).hasSizeGreaterThan(Metric.neighborhoodMetrics().size());
    }

    @Test
    void aMetricWithoutAValueOrMarginCannotBeTested() {
        StringWriter out = new StringWriter();
        CompareCommand.print(
                new PrintWriter(out),
                DATA.neighborhoods().get(0),
                DATA.neighborhoods().get(1));
        assertThat(out.toString()).contains("cannot test: " + ReportFixture.AMPERSAND_NAME + " has no estimate");
    }

    @Test
    void anUnknownNameIsAOneLineErrorListingCloseMatches() {
        NeighborhoodNames names = new NeighborhoodNames(List.of(
                "Squirrel Hill North", "Squirrel Hill South", "Mt. Oliver", "Mount Oliver Borough", "Allentown"));
        assertThat(names.resolve("squirrel hill north")).isEqualTo("Squirrel Hill North");
        assertThatThrownBy(() -> names.resolve("Squirel Hill South"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("Unknown neighborhood 'Squirel Hill South' (5 in the output); close matches: "
                        + "Squirrel Hill South, Squirrel Hill North");
        assertThatThrownBy(() -> names.resolve("Oliver"))
                .hasMessageEndingWith("close matches: Mt. Oliver, Mount Oliver Borough");
        assertThatThrownBy(() -> names.resolve("Zzzzzzzzzzzz")).hasMessageEndingWith("no close match");
    }
}
