package org.popsurvey.ops.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operations endpoint of a long-running process, on the JDK's own HTTP server:
 * <ul>
 * <li>{@value #LIVE}: 200 while {@link Health#live()}, else 503 (a liveness probe restarts the process);</li>
 * <li>{@value #READY}: 200 while {@link Health#ready()}, else 503 (a readiness probe routes traffic or
 * waits); both with a JSON body: {@code {"status":"UP","state":"RUNNING",...details}};</li>
 * <li>{@value #METRICS}: the registry in the Prometheus text format (0.0.4), or OpenMetrics when the
 * scraper's {@code Accept} header asks for it, negotiated by the Prometheus Java client's own writers.</li>
 * </ul>
 * GET and HEAD only; any other path is 404. Requests are served by two daemon threads: a scrape
 * never waits behind a slow probe for long, and nothing here keeps the JVM alive.
 */
public final class OpsHttpServer implements AutoCloseable {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String METRICS = "/metrics";
    static final String JSON = "application/json; charset=utf-8";

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final HealthProbe probe;
    private final PrometheusMeterRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    private OpsHttpServer(
            HttpServer server, ExecutorService executor, HealthProbe probe, PrometheusMeterRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.probe = probe;
        this.registry = registry;
    }

    /**
     * Binds {@code host:port} ({@code port} 0: a free port, see {@link #port()}) and starts serving.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static OpsHttpServer start(String host, int port, HealthProbe probe, PrometheusMeterRegistry registry)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IOException("Cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "ops-http");
            thread.setDaemon(true);
            return thread;
        });
        OpsHttpServer ops = new OpsHttpServer(server, executor, probe, registry);
        server.createContext("/", ops::handle);
        server.setExecutor(executor);
        server.start();
        return ops;
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, with 127.0.0.1 for a wildcard bind (what a local client can reach). */
    public URI baseUri() {
        String host = server.getAddress().getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : server.getAddress().getHostString();
        return URI.create("http://" + host + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", bytes("only GET and HEAD\n"));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case LIVE -> health(exchange, true);
                case READY -> health(exchange, false);
                case METRICS -> metrics(exchange);
                default ->
                    send(
                            exchange,
                            404,
                            "text/plain; charset=utf-8",
                            bytes("not found; try " + LIVE + ", " + READY + " or " + METRICS + "\n"));
            }
        } catch (RuntimeException e) {
            // The process keeps running; the caller sees a 500 naming the failure.
            send(exchange, 500, "text/plain; charset=utf-8", bytes("error: " + e + "\n"));
        }
    }

    private void health(HttpExchange exchange, boolean liveness) throws IOException {
        Health health = probe.check();
        boolean up = liveness ? health.live() : health.ready();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", health.state());
        body.putAll(new java.util.TreeMap<>(health.details()));
        send(exchange, up ? 200 : 503, JSON, JSON_MAPPER.writeValueAsBytes(body));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        ExpositionFormatWriter writer =
                formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        writer.write(body, registry.getPrometheusRegistry().scrape());
        send(exchange, 200, writer.getContentType(), body.toByteArray());
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
