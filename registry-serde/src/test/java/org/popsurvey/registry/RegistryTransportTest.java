package org.popsurvey.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's transport rules (retries, backoff bound, auth header, error mapping) on loopback.
 * Registry behaviour itself is tested against the real registry in {@code SchemaRegistryClientIT}.
 */
class RegistryTransportTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(int failuresBeforeSuccess, List<String> authHeaders, AtomicInteger calls) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int call = calls.incrementAndGet();
            boolean fail = call <= failuresBeforeSuccess;
            byte[] body = (fail
                            ? "{\"error_code\":50001,\"message\":\"store busy\"}"
                            : "{\"schema\":\"\\\"string\\\"\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void retriesServerErrorsThenSucceedsAndSendsBasicAuth() throws IOException {
        List<String> auth = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        String url = serve(2, auth, calls);
        SchemaRegistryClient client = SchemaRegistryClient.fromConfig(Map.of(
                "schema.registry.url",
                url,
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "alice:pw",
                "max.retries",
                "3",
                "retries.wait.ms",
                "5"));

        assertThat(client.schemaById(7).getType().getName()).isEqualTo("string");
        assertThat(calls).hasValue(3);
        assertThat(auth).containsOnly("Basic YWxpY2U6cHc=");

        client.schemaById(7);
        assertThat(calls).as("schemas by id are cached").hasValue(3);
    }

    @Test
    void unreachableRegistryFailsAfterBoundedRetriesNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        SchemaRegistryClient client = SchemaRegistryClient.fromConfig(
                Map.of("schema.registry.url", url, "max.retries", "2", "retries.wait.ms", "10"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("3 time(s)")
                .hasMessageContaining("ConnectException");
        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("bounded, no hang")
                .isLessThan(10_000);
    }

    @Test
    void persistentServerErrorsBecomeUnavailableWithTheStatus() throws IOException {
        String url = serve(100, new CopyOnWriteArrayList<>(), new AtomicInteger());
        SchemaRegistryClient client = SchemaRegistryClient.fromConfig(
                Map.of("schema.registry.url", url, "max.retries", "1", "retries.wait.ms", "1"));
        assertThatThrownBy(() -> client.latest("s-value"))
                .isInstanceOfSatisfying(
                        SchemaRegistryUnavailableException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(503))
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("store busy");
    }
}
