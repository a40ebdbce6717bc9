package org.popsurvey.report.html;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.popsurvey.report.data.Metric;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.report.data.TopicQuality;

/**
 * The whole report as one HTML document: inline styles, charts as {@code data:} images, no
 * script. Its Content-Security-Policy forbids every fetch and script, so a browser opening it
 * cannot reach the network even by mistake.
 */
public final class ReportPage {

    /** Nothing from the network, no script; images only from data: URIs, styles only inline. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private ReportPage() {}

    public static Document build(OutputData data, Optional<TopicQuality.Result> topics, Instant generatedAt) {
        Document document = Document.createShell("");
        document.outputSettings().charset(StandardCharsets.UTF_8).prettyPrint(true);
        Element head = document.head();
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta")
                .attr("http-equiv", "Content-Security-Policy")
                .attr("content", CONTENT_SECURITY_POLICY);
        head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        document.title("Pittsburgh neighborhoods, ACS 2015: census report");
        head.appendElement("style").appendChild(new DataNode(Styles.CSS));

        Element body = document.body();
        Element header = body.appendElement("header");
        header.appendElement("h1").text("Pittsburgh neighborhoods: ACS 2015 five-year estimates");
        header.appendElement("p")
                .addClass("subtitle")
                .text(data.neighborhoods().size() + " neighborhoods; generated " + generatedAt + " from "
                        + data.root().toAbsolutePath().normalize());
        Element nav = body.appendElement("nav").attr("aria-label", "Contents");
        Element contents = nav.appendElement("ol");
        contents.appendElement("li")
                .appendElement("a")
                .attr("href", "#headline")
                .text("Headline estimates");
        for (Metric metric : Metric.ranked()) {
            contents.appendElement("li")
                    .appendElement("a")
                    .attr("href", "#metric-" + metric.column())
                    .text(metric.label());
        }
        contents.appendElement("li")
                .appendElement("a")
                .attr("href", "#exclusions")
                .text("Exclusions");
        contents.appendElement("li").appendElement("a").attr("href", "#quality").text("Data quality");
        contents.appendElement("li")
                .appendElement("a")
                .attr("href", "#provenance")
                .text("Provenance");

        Headlines.add(body, data);
        MetricSections.add(body, data);
        Exclusions.add(body, data);
        Quality.add(body, data, topics);
        Provenance.add(body, data, generatedAt);
        return document;
    }
}
