package org.popsurvey.ops.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.popsurvey.testkit.PrometheusText;

class OpsHttpServerTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void readinessAndLivenessFollowTheProbeWithTheStateInJson() throws Exception {
        AtomicReference<Health> health = new AtomicReference<>(new Health(true, false, "REBALANCING", Map.of("n", 1)));
        try (OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, health::get, OpsRegistry.create())) {
            HttpResponse<String> ready = get(server.baseUri().resolve(OpsHttpServer.READY), null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.headers().firstValue("Content-Type")).contains(OpsHttpServer.JSON);
            assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"state\":\"REBALANCING\",\"n\":1}");
            HttpResponse<String> live = get(server.baseUri().resolve(OpsHttpServer.LIVE), null);
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).isEqualTo("{\"status\":\"UP\",\"state\":\"REBALANCING\",\"n\":1}");

            health.set(new Health(true, true, "RUNNING", Map.of()));
            assertThat(get(server.baseUri().resolve(OpsHttpServer.READY), null).body())
                    .isEqualTo("{\"status\":\"UP\",\"state\":\"RUNNING\"}");
            health.set(new Health(false, false, "ERROR", Map.of()));
            assertThat(get(server.baseUri().resolve(OpsHttpServer.LIVE), null).statusCode())
                    .isEqualTo(503);
            assertThat(get(server.baseUri().resolve("/nothing"), null).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void metricsAreServedInThePrometheusTextFormatOrOpenMetricsWhenAsked() throws Exception {
        PrometheusMeterRegistry registry = OpsRegistry.create();
        Counter.builder("popsurvey.test.things")
                .tag("kind", "a")
                .register(registry)
                .increment(3);
        try (OpsHttpServer server =
                OpsHttpServer.start("127.0.0.1", 0, () -> new Health(true, true, "RUNNING", Map.of()), registry)) {
            HttpResponse<String> text = get(server.baseUri().resolve(OpsHttpServer.METRICS), "text/plain");
            assertThat(text.statusCode()).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            PrometheusText.Exposition parsed = PrometheusText.parse(text.body());
            assertThat(parsed.value("popsurvey_test_things_total", Map.of("kind", "a")))
                    .isEqualTo(3.0);
            assertThat(parsed.types()).containsEntry("popsurvey_test_things_total", "counter");
            assertThat(parsed.names()).contains("jvm_memory_used_bytes", "process_uptime_seconds");

            HttpResponse<String> open =
                    get(server.baseUri().resolve(OpsHttpServer.METRICS), "application/openmetrics-text; version=1.0.0");
            assertThat(open.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(open.body())
                    .contains("popsurvey_test_things_total{kind=\"a\"} 3.0")
                    .endsWith("# EOF\n");
        }
    }

    @Test
    void aTakenPortIsAnErrorNamingTheAddress() throws Exception {
        try (OpsHttpServer first = OpsHttpServer.start(
                "127.0.0.1", 0, () -> new Health(true, true, "RUNNING", Map.of()), OpsRegistry.create())) {
            assertThatThrownBy(() -> OpsHttpServer.start(
                            "127.0.0.1",
                            first.port(),
                            () -> new Health(true, true, "RUNNING", Map.of()),
                            OpsRegistry.create()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Cannot serve HTTP on 127.0.0.1:" + first.port());
        }
    }

    private HttpResponse<String> get(URI uri, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
