package org.popsurvey.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.popsurvey.cli.CommandFailedException;

/**
 * Waits on a child's {@code /health/ready} (its {@code --http-port}) instead of its log: 200 means
 * the validator's Kafka Streams client is RUNNING, or the enricher's query is active and reporting.
 * A child that stops meanwhile fails the demo at once with the end of its log.
 */
final class Readiness {

    private static final Duration POLL = Duration.ofMillis(250);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final DemoPipeline pipeline;

    Readiness(DemoPipeline pipeline) {
        this.pipeline = pipeline;
    }

    void await(String component, URI base, Duration timeout) throws InterruptedException {
        URI ready = base.resolve("/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            pipeline.checkChildrenRunning();
            try {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notListeningYet) {
                last = "not listening yet";
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new CommandFailedException("The " + component + " was not ready within " + timeout.toSeconds() + " s ("
                + ready + ": " + last + ")");
    }
}
