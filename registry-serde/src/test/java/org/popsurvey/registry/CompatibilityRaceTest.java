package org.popsurvey.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two clients setting a subject's level, or registering its first schema, at once: Apicurio
 * answers the second with 409 ("rule already exists", "artifact already exists"). Found by two
 * validators starting together on the cluster stack.
 */
class CompatibilityRaceTest {

    private HttpServer server;
    /** The subject's level as the registry holds it; a PUT is always refused, as in the race. */
    private final AtomicReference<String> subjectLevel = new AtomicReference<>("NONE");

    private SchemaRegistryClient client;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body;
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/versions")) {
                status = 409;
                body = "{\"error_code\":409,\"message\":\"An artifact with ID 'x' in group 'null' already exists.\"}";
            } else if ("POST".equals(exchange.getRequestMethod())) {
                body = "{\"subject\":\"population.clean-value\",\"version\":1,\"id\":7,\"schema\":\"\\\"string\\\"\"}";
            } else if ("PUT".equals(exchange.getRequestMethod())) {
                status = 409;
                body = "{\"error_code\":409,\"message\":\"A rule named 'COMPATIBILITY' already exists.\"}";
            } else if (path.equals("/config")) {
                body = "{\"compatibilityLevel\":\"NONE\"}";
            } else {
                body = "{\"compatibilityLevel\":\"" + subjectLevel.get() + "\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = SchemaRegistryClient.fromConfig(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "max.retries", "1",
                "retries.wait.ms", "1"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aConflictIsSettledWhenTheOtherClientSetTheSameLevel() {
        subjectLevel.set("BACKWARD"); // what the registry holds once the other client's PUT won
        assertThat(client.ensureCompatibility("population.clean-value", SchemaRegistryClient.BACKWARD))
                .as("already at the level: nothing changed by this client")
                .isFalse();
    }

    @Test
    void aRegistrationRefusedBecauseAnotherClientJustRegisteredTheSchemaGivesItsId() {
        assertThat(client.register(
                        "population.clean-value", org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING)))
                .isEqualTo(7);
    }

    @Test
    void aConflictOverADifferentLevelIsStillAnError() {
        subjectLevel.set("NONE");
        assertThatThrownBy(() -> client.ensureCompatibility("population.clean-value", SchemaRegistryClient.BACKWARD))
                .isInstanceOf(IncompatibleSchemaException.class);
    }
}
