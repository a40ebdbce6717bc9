package org.popsurvey.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP transport of the registry client: Confluent's media type, basic auth, bounded retries with
 * exponential backoff on connection failures and 5xx/429 answers, fail-over across URLs, and
 * mapping of error answers to typed exceptions.
 */
final class RegistryHttp {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger log = LoggerFactory.getLogger(RegistryHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> urls;
    private final Optional<String> authorization;
    /** Who the client authenticates as, for error messages; never a secret. */
    private final String principal;

    private final HttpClient client;
    private final RegistryClientConfig config;

    RegistryHttp(RegistryClientConfig config) {
        this.config = config;
        this.urls = config.urls().stream().map(RegistryHttp::withoutUserInfo).toList();
        this.authorization = config.authorizationHeader();
        this.principal = config.principal();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
        config.sslContext().ifPresent(builder::sslContext);
        this.client = builder.build();
    }

    URI primaryUrl() {
        return urls.get(0);
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return call("POST", path, body);
    }

    JsonNode put(String path, JsonNode body) {
        return call("PUT", path, body);
    }

    private JsonNode call(String method, String path, JsonNode body) {
        int attempts = config.maxRetries() + 1;
        Duration backoff = config.retryWait();
        String lastProblem = "";
        Exception lastCause = null;
        int lastStatus = -1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            URI base = urls.get((attempt - 1) % urls.size());
            URI target = URI.create(base + path);
            try {
                HttpResponse<String> response =
                        client.send(request(method, target, body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
                }
                if (status < 500 && status != 429) {
                    throw errorFor(method, target, status, response.body());
                }
                lastStatus = status;
                lastProblem = "HTTP " + status + " " + abbreviate(response.body());
                lastCause = null;
            } catch (IOException e) {
                lastStatus = -1;
                lastProblem = describe(e);
                lastCause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException(
                        "Interrupted while calling the schema registry at " + target, -1, e);
            }
            if (attempt < attempts) {
                log.warn(
                        "Schema registry call {} {} failed ({}); retry {}/{} in {} ms",
                        method,
                        target,
                        lastProblem,
                        attempt,
                        attempts - 1,
                        backoff.toMillis());
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.retryMaxWait());
            }
        }
        throw new SchemaRegistryUnavailableException(
                String.format(
                        "Schema registry unreachable at %s: %s %s failed %d time(s), last: %s. Check "
                                + "schema.registry.url (--schema-registry-url) and that the registry is running.",
                        urls, method, path, attempts, lastProblem),
                lastStatus,
                lastCause);
    }

    private HttpRequest request(String method, URI target, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(config.readTimeout())
                .header("Accept", MEDIA_TYPE + ", application/json");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", MEDIA_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private SchemaRegistryException errorFor(String method, URI target, int status, String body) {
        int code = -1;
        String message = abbreviate(body);
        try {
            JsonNode error = JSON.readTree(body);
            code = error.path("error_code").asInt(-1);
            message = error.path("message")
                    .asText(message)
                    .replaceAll("\\s+", " ")
                    .strip();
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        String text = String.format(
                "Schema registry %s %s answered %d%s: %s",
                method, target, status, code > 0 ? " (error " + code + ")" : "", message);
        return switch (status) {
            case 404 -> new SchemaNotFoundException(text, code);
            case 409 -> new IncompatibleSchemaException(text, code);
            case 401 ->
                new SchemaRegistryAccessDeniedException(
                        String.format(
                                "Schema registry %s %s refused %s (HTTP 401: not authenticated). Check the registry "
                                        + "credentials (%s, %s or the URL's user info).",
                                method,
                                target,
                                principal,
                                RegistryClientConfig.BASIC_AUTH_USER_INFO,
                                RegistryClientConfig.BEARER_AUTH_TOKEN),
                        status,
                        code);
            case 403 ->
                new SchemaRegistryAccessDeniedException(
                        String.format(
                                "Schema registry %s %s refused %s (HTTP 403: not allowed%s). The registry's "
                                        + "administrators grant roles; registering schemas needs a writer role.",
                                method, target, principal, message.isBlank() ? "" : ": " + message),
                        status,
                        code);
            default -> new SchemaRegistryException(text, status, code, null);
        };
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException(
                    "Interrupted while waiting to retry the schema registry", -1, e);
        }
    }

    private static URI withoutUserInfo(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getHost() + port + path);
    }
}
