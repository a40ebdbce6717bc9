package org.popsurvey.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a component's {@code /health/ready} (the endpoint {@code --http-port} serves). */
final class EndpointProbe {

    static final String READY_PATH = "/health/ready";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the endpoint said; {@code error} is set when it did not answer. */
    record ComponentHealth(
            String component, String url, Integer httpStatus, String state, boolean ready, String error) {}

    private final HttpClient client;
    private final Duration timeout;

    EndpointProbe(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    ComponentHealth check(String component, URI base) {
        URI ready = base.resolve(READY_PATH);
        try {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(ready).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            String state = "?";
            try {
                state = JSON.readTree(answer.body()).path("state").asText("?");
            } catch (java.io.IOException notJson) {
                // a component that is not ours: its status code is enough
            }
            return new ComponentHealth(
                    component, ready.toString(), answer.statusCode(), state, answer.statusCode() == 200, null);
        } catch (java.io.IOException e) {
            return new ComponentHealth(
                    component,
                    ready.toString(),
                    null,
                    "UNREACHABLE",
                    false,
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ComponentHealth(component, ready.toString(), null, "UNREACHABLE", false, "interrupted");
        }
    }
}
