package org.popsurvey.report.html;

import static org.popsurvey.report.data.Values.flag;
import static org.popsurvey.report.data.Values.number;
import static org.popsurvey.report.data.Values.text;
import static org.popsurvey.report.data.Values.whole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.popsurvey.report.chart.IntervalChart;
import org.popsurvey.report.chart.SvgImage;
import org.popsurvey.report.data.Format;
import org.popsurvey.report.data.Metric;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.schemas.output.OutputTables;
import org.popsurvey.schemas.output.Reliability;

/**
 * Per ranked metric: the interval chart and the ranking with its significance groups. A group is
 * a run of consecutive ranks with no significant gap between neighbors; a thick line marks each
 * gap where a value differs significantly (90%) from the next one.
 */
final class MetricSections {

    private MetricSections() {}

    static void add(Element body, OutputData data) {
        Map<String, Map<String, Object>> totals = data.cityTotalsByMetric();
        for (Metric metric : Metric.ranked()) {
            Element section = Html.section(body, "metric-" + metric.column(), metric.label() + " by neighborhood");
            List<Map<String, Object>> ranking = data.ranking(metric.column());
            if (ranking.isEmpty()) {
                Html.paragraph(section, "No neighborhood has a value for this metric yet.");
                continue;
            }
            chart(section, metric, ranking, reference(metric, totals.get(metric.column())));
            rankingTable(section, metric, ranking);
        }
    }

    /**
     * The line drawn across the chart: the citywide rate or mean itself; for a count, whose city
     * total dwarfs any neighborhood, the average per neighborhood (total / neighborhoods included).
     */
    static IntervalChart.Reference reference(Metric metric, Map<String, Object> city) {
        Double estimate = city == null ? null : number(city, "estimate");
        if (estimate == null) {
            return null;
        }
        if (metric.kind() != Metric.Kind.COUNT) {
            return new IntervalChart.Reference(estimate, "citywide " + Format.value(metric.kind(), estimate));
        }
        double average = estimate / whole(city, "neighborhoods_included");
        return new IntervalChart.Reference(
                average, "city average per neighborhood " + Format.value(metric.kind(), average));
    }

    private static void chart(
            Element section, Metric metric, List<Map<String, Object>> ranking, IntervalChart.Reference citywide) {
        List<IntervalChart.Point> points = new ArrayList<>();
        long low = 0;
        for (Map<String, Object> row : ranking) {
            String reliability = text(row, Reliability.RELIABILITY);
            low += Reliability.LOW.equals(reliability) ? 1 : 0;
            points.add(new IntervalChart.Point(
                    text(row, "neighborhood"), number(row, "value"), number(row, "moe"), reliability));
        }
        Element figure = section.appendElement("figure");
        figure.appendElement("img")
                .addClass("chart")
                .attr(
                        "src",
                        SvgImage.dataUri(
                                IntervalChart.of(metric, points, citywide),
                                IntervalChart.width(),
                                IntervalChart.height(points.size())))
                .attr("width", Integer.toString(IntervalChart.width()))
                .attr("height", Integer.toString(IntervalChart.height(points.size())))
                .attr(
                        "alt",
                        metric.label() + " of " + points.size() + " neighborhoods as dots with 90% intervals, "
                                + "highest first" + (citywide == null ? "" : "; " + citywide.label()));
        figure.appendElement("figcaption")
                .text("Dots: estimates; bars: 90% margins of error; colors: reliability "
                        + "by coefficient of variation (high ≤ 12%, medium ≤ 40%, low above, in red hollow squares: "
                        + low + " of " + points.size() + ")"
                        + (citywide == null ? "" : "; dashed line: the " + citywide.label())
                        + ". The axis starts at 0 and ends at most at 1.5 times the highest "
                        + "estimate: a longer interval is cut at the edge (the table below has every margin).");
    }

    private static void rankingTable(Element section, Metric metric, List<Map<String, Object>> ranking) {
        section.appendElement("h3").text("Ranking and significance");
        Html.paragraph(
                        section,
                        "Rank 1 is the highest value. A thick line under a row means that value differs "
                                + "significantly (90% level, the Census Bureau's test |X1 − X2| / √(SE1² + SE2²) > 1.645) "
                                + "from the "
                                + "next one; rows between two lines form a group whose order is not statistically meaningful. "
                                + "\"Could rank\" is the range of ranks of the neighborhoods this one does not differ from.")
                .addClass("note");
        Element table = Html.table(
                section,
                "ranking",
                List.of(
                        "Rank",
                        "Neighborhood",
                        "Estimate",
                        "± MOE",
                        "CV",
                        "Reliability",
                        "Could rank",
                        "Group",
                        "Differs from next"));
        table.attr("data-metric", metric.column());
        int group = 1;
        for (Map<String, Object> row : ranking) {
            Boolean differs = flag(row, OutputTables.DIFFERS_FROM_NEXT);
            Element tr = Html.row(table)
                    .addClass(group % 2 == 0 ? "group-even" : "group-odd")
                    .attr("data-neighborhood-id", String.valueOf(row.get("neighborhood_id")));
            if (Boolean.TRUE.equals(differs)) {
                tr.addClass("gap");
            }
            Html.cell(tr, "rank", String.valueOf(row.get("rank")));
            Html.cell(tr, "neighborhood", text(row, "neighborhood"));
            Html.cell(tr, "estimate", Format.value(metric.kind(), number(row, "value")));
            Html.cell(tr, "moe", Format.value(metric.kind(), number(row, "moe")));
            Html.cell(tr, "cv", Format.percent(number(row, Reliability.CV)));
            Headlines.reliabilityCell(tr, text(row, Reliability.RELIABILITY));
            Long best = whole(row, OutputTables.RANK_RANGE_MIN);
            Long worst = whole(row, OutputTables.RANK_RANGE_MAX);
            Html.cell(tr, "range", best == null ? Format.UNKNOWN : best + "–" + worst);
            Html.cell(tr, "group", Integer.toString(group));
            Html.cell(tr, "differs", differs == null ? "–" : differs ? "yes" : "no");
            if (Boolean.TRUE.equals(differs)) {
                group++;
            }
        }
    }
}
