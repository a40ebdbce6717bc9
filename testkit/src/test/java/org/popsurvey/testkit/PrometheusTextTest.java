package org.popsurvey.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String VALID = """
            # HELP jobs_total Jobs done, with a \\\\ and a \\n in the help.
            # TYPE jobs_total counter
            jobs_total{code="A",stage="X"} 3.0
            jobs_total{code="B",stage="X",} 4 1700000000000
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.5"} 1
            latency_seconds_bucket{le="+Inf"} 2
            latency_seconds_sum 0.7
            latency_seconds_count 2
            # TYPE temperature gauge
            temperature{place="a \\"quoted\\" \\\\ name"} -Inf
            temperature{place="b"} NaN
            """;

    @Test
    void aValidExpositionGivesEverySampleWithItsLabelsAndValue() {
        PrometheusText.Exposition parsed = PrometheusText.parse(VALID);

        assertThat(parsed.value("jobs_total", Map.of("code", "B"))).isEqualTo(4.0);
        assertThat(parsed.sum("jobs_total")).isEqualTo(7.0);
        assertThat(parsed.types()).containsEntry("latency_seconds", "histogram").containsEntry("jobs_total", "counter");
        assertThat(parsed.value("latency_seconds_count")).isEqualTo(2.0);
        assertThat(parsed.value("temperature", Map.of("place", "a \"quoted\" \\ name")))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parsed.samples()).hasSize(8);
    }

    @Test
    void everyBreakOfTheGrammarIsRefusedWithItsLineNumber() {
        assertRefused("metric 1", "does not end with a newline");
        assertRefused("1metric 1\n", "line 1: not a sample line");
        assertRefused("m{a=\"x\"} one\n", "value is not a float");
        assertRefused("m{a=x} 1\n", "malformed label");
        assertRefused("m{a=\"x\",a=\"y\"} 1\n", "label a twice");
        assertRefused("m{__name__=\"x\"} 1\n", "reserved label name");
        assertRefused("m{a=\"\\t\"} 1\n", "malformed label");
        assertRefused("# TYPE m counter\n# TYPE m gauge\nm 1\n", "line 2: second TYPE");
        assertRefused("m 1\n# TYPE m counter\n", "TYPE after samples");
        assertRefused("# TYPE m wrongtype\n", "malformed TYPE");
        assertRefused("m{a=\"1\"} 1\nn 2\nm{a=\"2\"} 3\n", "line 3: family m appears in two separate groups");
        assertRefused("m 1\nm 2\n", "duplicate series");
        assertRefused("# TYPE h histogram\nh_bucket 1\n", "histogram bucket without le");
        assertRefused("# HELP m bad \\x escape\n", "bad escape");
    }

    private static void assertRefused(String body, String problem) {
        assertThatThrownBy(() -> PrometheusText.parse(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }
}
