package org.popsurvey.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls {@code schemas} and the lookup path make, against the answers a Confluent Schema
 * Registry gives (its API reference: 40408 for a subject without its own level, {@code messages}
 * with {@code verbose=true}, 40401/40403 for a missing subject or schema), where the local stack's
 * Apicurio answers differently (tested in SchemasCommandIT). A loopback server answers as told.
 */
class ConfluentAnswersTest {

    private static final Schema ROW = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"Row\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private SchemaRegistryClient client;

    @BeforeEach
    void serve() throws IOException {
        Map<String, Answer> answers = Map.of(
                "GET /config", new Answer(200, "{\"compatibilityLevel\":\"BACKWARD\"}"),
                "GET /config/plain-value",
                        new Answer(
                                404,
                                "{\"error_code\":40408,\"message\":\"Subject 'plain-value' does not have "
                                        + "subject-level compatibility configured\"}"),
                "GET /config/own-value", new Answer(200, "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}"),
                "POST /compatibility/subjects/plain-value/versions/latest?verbose=true",
                        new Answer(
                                200,
                                "{\"is_compatible\":false,\"messages\":[\"{errorType:'READER_FIELD_MISSING_"
                                        + "DEFAULT_VALUE', description:'The field 'b' at path '/fields/1' in the new schema "
                                        + "has no default value'}\"]}"),
                "POST /subjects/plain-value",
                        new Answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}"),
                "GET /subjects/plain-value/versions", new Answer(200, "[2,1]"),
                "GET /subjects/gone-value/versions",
                        new Answer(404, "{\"error_code\":40401,\"message\":\"Subject 'gone-value' not found.\"}"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String request = exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query);
            requests.add(request);
            Answer answer =
                    answers.getOrDefault(request, new Answer(500, "{\"message\":\"unexpected " + request + "\"}"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = SchemaRegistryClient.fromConfig(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort(), "max.retries", "0"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSubjectWithoutItsOwnLevelFollowsTheGlobalOne() {
        assertThat(client.subjectCompatibility("plain-value")).isEmpty();
        assertThat(client.compatibility("plain-value")).isEqualTo("BACKWARD");
        assertThat(client.subjectCompatibility("own-value")).contains("FULL_TRANSITIVE");
    }

    @Test
    void theCompatibilityVerdictCarriesConfluentsMessagesAskedForWithVerbose() {
        CompatibilityVerdict verdict = client.testCompatibility("plain-value", ROW);

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.messages()).singleElement().asString().contains("The field 'b' at path '/fields/1'");
        assertThat(requests).contains("POST /compatibility/subjects/plain-value/versions/latest?verbose=true");
    }

    @Test
    void aSchemaNotRegisteredIsOneMessageNamingSchemaSubjectAndUrl() {
        assertThatThrownBy(() -> client.idOf("plain-value", ROW))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageStartingWith("Schema Row is not registered under subject plain-value at " + client.url())
                .hasMessageContaining("auto.register.schemas=false");
    }

    @Test
    void versionsAreListedOldestFirstAndAnUnknownSubjectHasNone() {
        assertThat(client.versions("plain-value")).containsExactly(1, 2);
        assertThat(client.versions("gone-value")).isEmpty();
    }

    private record Answer(int status, String body) {}
}
