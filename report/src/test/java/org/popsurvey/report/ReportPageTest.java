package org.popsurvey.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.popsurvey.report.data.Format;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.report.data.TopicQuality;
import org.popsurvey.report.html.ReportPage;

class ReportPageTest {

    private static final OutputData DATA = ReportFixture.data();

    private static Document page(Optional<TopicQuality.Result> topics) {
        String html = ReportPage.build(DATA, topics, Instant.parse("2026-12-02T04:00:00Z"))
                .outerHtml();
        return Jsoup.parse(html);
    }

    @Test
    void neighborhoodNamesAreShownAsTextNeverAsMarkup() {
        String html = ReportPage.build(DATA, Optional.empty(), Instant.EPOCH).outerHtml();
        Document page = Jsoup.parse(html);
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("b")).isEmpty();
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert");
        assertThat(page.select("table.ranking td.neighborhood").eachText())
                .contains(ReportFixture.SCRIPT_NAME, ReportFixture.AMPERSAND_NAME);
    }

    @Test
    void thePageFetchesNothingAndRunsNoScript() {
        Document page = page(Optional.empty());
        assertThat(page.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .contains("default-src 'none'")
                .contains("img-src data:");
        for (Element element : page.select("[src], link[href]")) {
            assertThat(element.attr("src")).startsWith("data:image/svg+xml;base64,");
        }
        assertThat(page.select("img.chart")).hasSize(2);
        // A count's line is the average per neighborhood (21,348 / 3); a mean's is the city value itself.
        assertThat(page.select("#metric-population img.chart").attr("alt"))
                .endsWith("city average per neighborhood 7,116");
        assertThat(page.select("#metric-mean_household_income img.chart").attr("alt"))
                .endsWith("citywide $47,123");
        assertThat(page.select("a[href]").eachAttr("href")).allMatch(href -> href.startsWith("#"));
    }

    @Test
    void theHeadlineShowsEachCityEstimateAndMarginAsInTheTable() {
        Document page = page(Optional.empty());
        Element population = page.selectFirst(".card[data-metric=population]");
        assertThat(population.selectFirst(".figure").text()).isEqualTo("21,348 ± 2,049");
        for (Map<String, Object> row : DATA.cityTotals()) {
            Element shown = page.selectFirst("table.city-totals tr[data-metric=" + row.get("metric") + "]");
            assertThat(Format.parse(shown.selectFirst("td.estimate").text()))
                    .isCloseTo((Double) row.get("estimate"), within(scale(row.get("metric"))));
            assertThat(Format.parse(shown.selectFirst("td.moe").text()))
                    .isCloseTo((Double) row.get("moe"), within(scale(row.get("metric"))));
            assertThat(Format.parse(shown.selectFirst("td.cv").text()))
                    .isCloseTo((Double) row.get("cv"), within(0.0005));
            assertThat(shown.selectFirst("td.reliability").text()).isEqualTo(row.get("reliability"));
        }
        assertThat(page.selectFirst(".card[data-metric=mean_household_income] .figure")
                        .text())
                .isEqualTo("$47,123 ± $8,765");
        assertThat(page.selectFirst(".card[data-metric=uninsured_rate] .figure").text())
                .isEqualTo("8.8% ± 1.2%");
    }

    @Test
    void rankingsShowTheRankRangeAndAGapWhereAValueDiffersFromTheNext() {
        Document page = page(Optional.empty());
        List<Element> rows = page.select("table.ranking[data-metric=population] tbody tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).hasClass("gap")).isTrue();
        assertThat(rows.get(0).selectFirst("td.group").text()).isEqualTo("1");
        assertThat(rows.get(1).selectFirst("td.group").text()).isEqualTo("2");
        assertThat(rows.get(2).selectFirst("td.group").text()).isEqualTo("3");
        assertThat(rows.get(2).selectFirst("td.reliability").text()).isEqualTo("low");
        List<Element> income = page.select("table.ranking[data-metric=mean_household_income] tbody tr");
        assertThat(income.get(0).hasClass("gap")).isFalse();
        assertThat(income.get(0).selectFirst("td.range").text()).isEqualTo("1–2");
        assertThat(income.get(1).selectFirst("td.group").text()).isEqualTo("1");
        // 51,234.5 is shown rounded half up
        assertThat(Format.parse(income.get(0).selectFirst("td.estimate").text()))
                .isEqualTo(51_235.0);
    }

    @Test
    void exclusionsNameTheNeighborhoodAndTheAcsReason() {
        Document page = page(Optional.empty());
        Element excluded = page.select("table.exclusions tr[data-metric=mean_household_income]")
                .first();
        assertThat(excluded.selectFirst("td.neighborhood").text()).isEqualTo(ReportFixture.AMPERSAND_NAME);
        assertThat(excluded.selectFirst("td.reason").text())
                .contains("aggregate_household_income is '-' or '**': no or too few sample observations");
    }

    @Test
    void deadLettersPerCodeAreChartedAndTabulatedWhenTheTopicsWereRead() {
        TopicQuality.Result topics = new TopicQuality.Result(
                98,
                91,
                6,
                Map.of("ESTIMATE_NOT_A_NUMBER", 2L, "CONFLICTING_RESEND", 4L),
                List.of(Instant.parse("2026-12-02T03:00:00Z"), Instant.parse("2026-12-02T03:00:05Z")));
        Document page = page(Optional.of(topics));
        assertThat(page.selectFirst("tr[data-count=rows-read] td.count").text()).isEqualTo("98");
        assertThat(page.selectFirst("tr[data-count=absorbed] td.count").text()).isEqualTo("1");
        assertThat(page.selectFirst("tr[data-code=CONFLICTING_RESEND] td.count").text())
                .isEqualTo("4");
        assertThat(page.select("#quality img.chart")).hasSize(2);
        assertThat(page.select("table.lineage tbody tr")).hasSize(3);
    }

    @Test
    void withoutTheTopicsTheQualitySectionSaysSoAndShowsTheParquetCounts() {
        Document page = page(Optional.empty());
        assertThat(page.selectFirst("#quality").text()).contains("--bootstrap-servers");
        assertThat(page.selectFirst("tr[data-count=neighborhood-rows] td.count").text())
                .isEqualTo("3");
        assertThat(page.select("#quality img.chart")).isEmpty();
    }

    private static double scale(Object metric) {
        return "uninsured_rate".equals(metric) ? 0.0005 : 0.5;
    }
}
