package org.popsurvey.report.html;

import static org.popsurvey.report.data.Values.text;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jsoup.nodes.Element;
import org.popsurvey.report.chart.DeadLetterCharts;
import org.popsurvey.report.chart.SvgImage;
import org.popsurvey.report.data.Format;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.report.data.TopicQuality;
import org.popsurvey.schemas.output.OutputTables;

/** Rows read, clean, dead letters, absorbed; dead letters per code and over time; a lineage sample. */
final class Quality {

    private static final int LINEAGE_SAMPLE = 10;

    private Quality() {}

    static void add(Element body, OutputData data, Optional<TopicQuality.Result> topics) {
        Element section = Html.section(body, "quality", "Data quality");
        if (topics.isEmpty()) {
            Html.paragraph(
                            section,
                            "The topics were not read (run the report with --bootstrap-servers for rows read, "
                                    + "dead letters per code and over time); the counts below come from the Parquet output only.")
                    .addClass("note");
        }
        Element table = Html.table(section, "accounting", List.of("Count", "Records", "Where"));
        if (topics.isPresent()) {
            TopicQuality.Result result = topics.get();
            count(table, "rows-read", "Rows read (raw topic)", result.rawRows(), "population.raw");
            count(table, "clean", "Clean records", result.cleanRecords(), "population.clean");
            count(table, "dead-letters", "Dead letters", result.deadLetters(), "population.dlq");
            count(
                    table,
                    "absorbed",
                    "Absorbed identical re-sends",
                    result.absorbed(),
                    "rows read − clean − dead letters");
        }
        count(
                table,
                "neighborhood-rows",
                "Neighborhood rows",
                data.neighborhoods().size(),
                "neighborhoods/");
        count(
                table,
                "rejected",
                "Clean records the enricher could not decode",
                data.rejected().size(),
                "rejected/");

        topics.ifPresent(result -> deadLetters(section, result));
        lineage(section, data);
    }

    private static void deadLetters(Element section, TopicQuality.Result result) {
        section.appendElement("h3").text("Dead letters");
        if (result.deadLetters() == 0) {
            Html.paragraph(section, "No dead letters: every row read became a clean record or an absorbed re-send.");
            return;
        }
        Map<String, Long> perCode = new TreeMap<>(result.perCode());
        section.appendElement("img")
                .addClass("chart")
                .attr(
                        "src",
                        SvgImage.dataUri(
                                DeadLetterCharts.perCode(perCode),
                                DeadLetterCharts.WIDTH,
                                DeadLetterCharts.perCodeHeight(perCode.size())))
                .attr("alt", "Dead letters per code: " + perCode);
        Element codes = Html.table(section, "dead-letter-codes", List.of("Code", "Records"));
        perCode.forEach((code, count) -> {
            Element tr = Html.row(codes).attr("data-code", code);
            Html.cell(tr, "code", code);
            Html.cell(tr, "count", Format.count(count));
        });
        section.appendElement("img")
                .addClass("chart")
                .attr(
                        "src",
                        SvgImage.dataUri(
                                DeadLetterCharts.overTime(result.deadLetteredAt()), DeadLetterCharts.WIDTH, 320))
                .attr("alt", "Dead letters over time, cumulative: " + result.deadLetters() + " in all");
    }

    private static void lineage(Element section, OutputData data) {
        section.appendElement("h3").text("Lineage sample");
        Html.paragraph(
                        section,
                        "Where the first " + LINEAGE_SAMPLE + " neighborhood rows came from: the input file "
                                + "and line (header = line 1), the Kafka record, the schema it was written with.")
                .addClass("note");
        Element table = Html.table(
                section,
                "lineage",
                List.of(
                        "Neighborhood",
                        "File:line",
                        "Producer run",
                        "Topic/partition@offset",
                        "Schema id",
                        "Enricher batch"));
        data.neighborhoods().stream().limit(LINEAGE_SAMPLE).forEach(row -> {
            Element tr = Html.row(table);
            Html.cell(tr, "neighborhood", text(row, "neighborhood"));
            Html.cell(tr, "source", text(row, "source_file") + ":" + text(row, "source_line"));
            Html.cell(tr, "run", text(row, "producer_run_id"));
            Html.cell(
                    tr,
                    "kafka",
                    text(row, "kafka_topic") + "/" + text(row, "kafka_partition") + "@" + text(row, "kafka_offset"));
            Html.cell(tr, "count", text(row, "schema_id"));
            Html.cell(tr, "count", text(row, OutputTables.ENRICHER_BATCH_ID));
        });
    }

    private static void count(Element table, String id, String label, long count, String where) {
        Element tr = Html.row(table).attr("data-count", id);
        Html.cell(tr, null, label);
        Html.cell(tr, "count", Format.count(count));
        Html.cell(tr, null, where);
    }
}
