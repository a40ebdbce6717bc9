package org.popsurvey.ops.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --http-port} and {@code --http-host}, shared by the commands that serve
 * {@link OpsHttpServer}'s endpoints. Off unless {@code --http-port} is given.
 */
public final class HttpOptions {

    public static final String PORT_OPTION = "--http-port";
    public static final String HOST_OPTION = "--http-host";
    /** Every interface: a Kubernetes probe or a Prometheus server calls the pod's address, not loopback. */
    public static final String DEFAULT_HOST = "0.0.0.0";

    private static final Logger log = LoggerFactory.getLogger(HttpOptions.class);

    @Option(
            names = PORT_OPTION,
            paramLabel = "PORT",
            description = "Serve /health/live, /health/ready and /metrics (Prometheus) on this port; 0 picks a free "
                    + "port and logs it (default: no HTTP endpoint).")
    Integer port;

    @Option(
            names = HOST_OPTION,
            paramLabel = "ADDRESS",
            defaultValue = DEFAULT_HOST,
            description = "Address the HTTP endpoint binds (default: ${DEFAULT-VALUE}, every interface).")
    String host = DEFAULT_HOST;

    public boolean enabled() {
        return port != null;
    }

    /**
     * Starts the endpoint when {@code --http-port} was given and logs its URL
     * ({@code HTTP endpoints on http://...: /health/live /health/ready /metrics}).
     */
    public Optional<OpsHttpServer> start(String component, HealthProbe probe, PrometheusMeterRegistry registry)
            throws IOException {
        if (port == null) {
            return Optional.empty();
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT_OPTION + " must be between 0 and 65535, not " + port);
        }
        OpsHttpServer server = OpsHttpServer.start(host, port, probe, registry);
        log.info(
                "{} HTTP endpoints on {}: {} {} {}",
                component,
                server.baseUri(),
                OpsHttpServer.LIVE,
                OpsHttpServer.READY,
                OpsHttpServer.METRICS);
        return Optional.of(server);
    }
}
