package org.popsurvey.report.html;

import static org.popsurvey.report.data.Values.number;
import static org.popsurvey.report.data.Values.text;
import static org.popsurvey.report.data.Values.whole;

import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.popsurvey.report.data.Format;
import org.popsurvey.report.data.Metric;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.schemas.output.Reliability;

/** City-wide estimates with their margins of error: cards for the key ones, then every row of city_totals. */
final class Headlines {

    static final List<Metric> CARDS = List.of(
            Metric.POPULATION,
            Metric.HOUSEHOLDS,
            Metric.MEAN_HOUSEHOLD_INCOME,
            Metric.PER_CAPITA_INCOME,
            Metric.UNINSURED_RATE,
            Metric.SELF_EMPLOYMENT_RATE);

    private Headlines() {}

    static void add(Element body, OutputData data) {
        Element section = Html.section(body, "headline", "City of Pittsburgh: headline estimates");
        Map<String, Map<String, Object>> totals = data.cityTotalsByMetric();
        if (totals.isEmpty()) {
            Html.paragraph(section, "No city totals yet: the enricher has not written metrics/city_totals.");
            return;
        }
        Html.paragraph(
                        section,
                        "ACS 2015 five-year estimates summed over the neighborhoods. Each figure is shown "
                                + "with its 90% margin of error (MOE): the true value lies within estimate ± MOE with 90% confidence.")
                .addClass("note");
        Element cards = section.appendElement("div").addClass("cards");
        for (Metric metric : CARDS) {
            Map<String, Object> row = totals.get(metric.column());
            if (row == null) {
                continue;
            }
            Element card = cards.appendElement("div").addClass("card").attr("data-metric", metric.column());
            card.appendElement("div").addClass("label").text(metric.label());
            Element figure = card.appendElement("div").addClass("figure");
            figure.appendElement("span")
                    .addClass("estimate")
                    .text(Format.value(metric.kind(), number(row, "estimate")));
            figure.appendText(" ");
            figure.appendElement("span").addClass("moe").text("± " + Format.value(metric.kind(), number(row, "moe")));
            reliability(
                    card.appendElement("div").addClass("label"),
                    number(row, Reliability.CV),
                    text(row, Reliability.RELIABILITY));
        }

        Element table = Html.table(
                section,
                "city-totals",
                List.of(
                        "Metric",
                        "Estimate",
                        "± MOE (90%)",
                        "CV",
                        "Reliability",
                        "Neighborhoods included",
                        "excluded"));
        for (Map.Entry<String, Map<String, Object>> entry : totals.entrySet()) {
            Map<String, Object> row = entry.getValue();
            Metric.Kind kind = Metric.of(entry.getKey()).map(Metric::kind).orElse(Metric.Kind.COUNT);
            Element tr = Html.row(table).attr("data-metric", entry.getKey());
            Html.cell(tr, "metric", Metric.of(entry.getKey()).map(Metric::label).orElse(entry.getKey()));
            Html.cell(tr, "estimate", Format.value(kind, number(row, "estimate")));
            Html.cell(tr, "moe", Format.value(kind, number(row, "moe")));
            Html.cell(tr, "cv", Format.percent(number(row, Reliability.CV)));
            reliabilityCell(tr, text(row, Reliability.RELIABILITY));
            Html.cell(tr, "count", Format.count(whole(row, "neighborhoods_included")));
            Html.cell(tr, "count", Format.count(whole(row, "neighborhoods_excluded")));
        }
    }

    static void reliability(Element parent, Double cv, String reliability) {
        parent.appendText("CV " + Format.percent(cv) + ", ");
        parent.appendElement("span")
                .addClass("reliability")
                .addClass("reliability-" + (reliability == null ? "unknown" : reliability))
                .text(reliabilityText(reliability));
    }

    static Element reliabilityCell(Element row, String reliability) {
        return Html.cell(row, "reliability", reliabilityText(reliability))
                .addClass("reliability-" + (reliability == null ? "unknown" : reliability));
    }

    static String reliabilityText(String reliability) {
        return reliability == null ? "unknown" : reliability;
    }
}
