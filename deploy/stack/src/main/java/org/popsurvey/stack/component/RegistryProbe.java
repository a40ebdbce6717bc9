package org.popsurvey.stack.component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.popsurvey.stack.process.ReadinessCheck;

/** Ready when {@code GET <url>/subjects} of the Confluent-compatible API answers 200. */
final class RegistryProbe implements ReadinessCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI subjects;

    RegistryProbe(String confluentApiUrl) {
        this.subjects = URI.create(confluentApiUrl + "/subjects");
    }

    @Override
    public boolean isReady() throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(subjects).timeout(TIMEOUT).GET().build();
        int status =
                client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("GET " + subjects + " answered HTTP " + status);
        }
        return true;
    }
}
