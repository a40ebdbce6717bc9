package org.popsurvey.report;

import static org.popsurvey.report.data.Values.number;
import static org.popsurvey.report.data.Values.text;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.report.data.Format;
import org.popsurvey.report.data.Metric;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.schemas.output.Reliability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./popsurvey compare A B --output OUTPUT}: every metric of two neighborhoods side by side,
 * each with its MOE and reliability, and the Census Bureau's test of their difference at 90%.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Print every metric of two neighborhoods side by side, with whether they differ significantly "
                + "(90%, |X1 - X2| / sqrt(SE1^2 + SE2^2) > 1.645).")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NEIGHBORHOOD", description = "First neighborhood (exact name, any case).")
    String first;

    @Parameters(index = "1", paramLabel = "NEIGHBORHOOD", description = "Second neighborhood.")
    String second;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "OUTPUT",
            description = "The enricher's output folder (what enrich --output was given).")
    Path output;

    public static void main(String[] args) {
        PopsurveyCommandLine.main(new CompareCommand(), args);
    }

    @Override
    public Integer call() throws IOException {
        OutputData data = OutputData.read(output);
        NeighborhoodNames names = new NeighborhoodNames(data.neighborhoods().stream()
                .map(row -> text(row, "neighborhood"))
                .toList());
        Map<String, Object> a = data.neighborhood(names.resolve(first)).orElseThrow();
        Map<String, Object> b = data.neighborhood(names.resolve(second)).orElseThrow();
        print(spec.commandLine().getOut(), a, b);
        return 0;
    }

    static void print(PrintWriter out, Map<String, Object> a, Map<String, Object> b) {
        String format = "%-42s %-36s %-36s %s%n";
        out.printf(format, "METRIC", text(a, "neighborhood"), text(b, "neighborhood"), "90% TEST");
        for (Metric metric : Metric.neighborhoodMetrics()) {
            out.printf(format, metric.label(), side(metric, a), side(metric, b), verdict(metric, a, b));
        }
        out.println();
        out.println("Each value: estimate ± 90% margin of error "
                + "(reliability by CV: high <= 12%, medium <= 40%, low above).");
        out.println("Differ: |X1 - X2| / sqrt(SE1^2 + SE2^2) > 1.645, SE = MOE / 1.645 (Census Bureau).");
        out.flush();
    }

    private static String side(Metric metric, Map<String, Object> row) {
        String reliability = text(row, Reliability.reliabilityColumn(metric.column()));
        return Format.withMoe(
                        metric.kind(),
                        number(row, metric.column()),
                        number(row, metric.column() + Reliability.MOE_SUFFIX))
                + " (" + (reliability == null ? "n/a" : reliability) + ")";
    }

    /** The Bureau's verdict on the two values, with Z; or why it cannot be tested. */
    static String verdict(Metric metric, Map<String, Object> a, Map<String, Object> b) {
        Double x1 = number(a, metric.column());
        Double x2 = number(b, metric.column());
        if (x1 == null || x2 == null) {
            return "cannot test: " + (x1 == null ? text(a, "neighborhood") : text(b, "neighborhood"))
                    + " has no estimate";
        }
        Double z = Reliability.zScore(
                x1,
                number(a, metric.column() + Reliability.MOE_SUFFIX),
                x2,
                number(b, metric.column() + Reliability.MOE_SUFFIX));
        if (z == null) {
            return "cannot test: a margin of error is unknown";
        }
        return (z > Reliability.Z90 ? "differ" : "no significant difference") + String.format(" (Z = %.2f)", z);
    }

    /** Used by tests. */
    static List<Metric> metrics() {
        return Metric.neighborhoodMetrics();
    }
}
