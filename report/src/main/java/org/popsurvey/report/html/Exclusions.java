package org.popsurvey.report.html;

import static org.popsurvey.report.data.Values.flag;
import static org.popsurvey.report.data.Values.number;
import static org.popsurvey.report.data.Values.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.popsurvey.report.data.Metric;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.schemas.output.Reliability;

/**
 * The neighborhoods left out of each ranked metric and why: an ACS annotation in a reference
 * table (with the Census Bureau's meaning), a missing reference row, or a zero denominator. Also
 * the ones kept but without a CV (a zero estimate).
 */
final class Exclusions {

    /** The Census Bureau's table notes for the statuses the enricher keeps (see the project README). */
    static final Map<String, String> MEANINGS = Map.of(
            "NO_SAMPLE", "'-' or '**': no or too few sample observations to compute an estimate or a standard error",
            "OPEN_ENDED_MEDIAN", "'***': the median falls in an open-ended interval",
            "CONTROLLED", "'*****': a controlled estimate, no sampling error",
            "SUPPRESSED", "'N': cannot be displayed, too few sample cases",
            "NOT_APPLICABLE", "'(X)': not applicable or not available");

    /** What each ranked metric divides by, to name a zero denominator. */
    private static final Map<Metric, String> DENOMINATORS = Map.of(
            Metric.MEAN_HOUSEHOLD_INCOME, "households",
            Metric.PER_CAPITA_INCOME, "population",
            Metric.SELF_EMPLOYMENT_RATE, "households",
            Metric.UNINSURED_RATE, "civilian_noninstitutionalized_population");

    private Exclusions() {}

    static void add(Element body, OutputData data) {
        Element section = Html.section(body, "exclusions", "Neighborhoods excluded, and why");
        Html.paragraph(
                        section,
                        "A neighborhood is left out of a metric (its ranking, its chart and the city "
                                + "figure built from it) when a part of the formula is unknown. Ratios and rates divide sums taken "
                                + "over the neighborhoods where both parts are known.")
                .addClass("note");
        Element table = Html.table(section, "exclusions", List.of("Metric", "Neighborhood", "Reason"));
        int rows = 0;
        for (Metric metric : Metric.ranked()) {
            for (Map<String, Object> neighborhood : data.neighborhoods()) {
                Double value = number(neighborhood, metric.column());
                String reason = value == null
                        ? reason(metric, neighborhood)
                        : number(neighborhood, Reliability.cvColumn(metric.column())) == null && value == 0
                                ? "kept, but the estimate is 0: its CV is undefined (no reliability class)"
                                : null;
                if (reason != null) {
                    Element tr = Html.row(table).attr("data-metric", metric.column());
                    Html.cell(tr, "metric", metric.label());
                    Html.cell(tr, "neighborhood", text(neighborhood, "neighborhood"));
                    Html.cell(tr, "reason", reason);
                    rows++;
                }
            }
        }
        if (rows == 0) {
            table.remove();
            Html.paragraph(section, "None: every neighborhood has a value for every ranked metric.");
        }
    }

    /** Why {@code metric} is unknown for this neighborhood. */
    @SuppressWarnings("unchecked")
    static String reason(Metric metric, Map<String, Object> neighborhood) {
        List<String> reasons = new ArrayList<>();
        if (!Boolean.TRUE.equals(flag(neighborhood, "has_reference_row"))) {
            Object missing = neighborhood.get("missing_reference_tables");
            reasons.add("no row in the reference table(s) "
                    + (missing == null
                            ? ""
                            : String.join(
                                    ", ",
                                    ((List<Object>) missing)
                                            .stream().map(String::valueOf).toList())));
        }
        Object annotations = neighborhood.get("reference_annotations");
        if (annotations instanceof Map<?, ?> map) {
            map.forEach((column, status) -> reasons.add(
                    column + " is " + MEANINGS.getOrDefault(String.valueOf(status), String.valueOf(status))));
        }
        String denominator = DENOMINATORS.get(metric);
        if (denominator != null && Double.valueOf(0).equals(number(neighborhood, denominator))) {
            reasons.add(denominator + " is 0 (division by zero)");
        }
        return reasons.isEmpty() ? "a part of the formula is unknown" : String.join("; ", reasons);
    }
}
