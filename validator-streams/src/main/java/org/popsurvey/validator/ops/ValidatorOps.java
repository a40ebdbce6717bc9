package org.popsurvey.validator.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.popsurvey.ops.http.Health;
import org.popsurvey.ops.http.HttpOptions;
import org.popsurvey.ops.http.OpsHttpServer;
import org.popsurvey.ops.http.OpsRegistry;
import org.popsurvey.validator.metrics.ValidationCounters;

/**
 * The validator's {@code --http-port} endpoint: health from the Kafka Streams client's state, and
 * metrics from Kafka Streams itself (client, thread, task, and its producer and consumers, through
 * Micrometer's {@link KafkaStreamsMetrics}) plus {@link ValidatorMeters}.
 *
 * <ul>
 * <li>ready: the client is {@code RUNNING} (not while it starts, rebalances or restores its tasks);</li>
 * <li>live: the client is not dead ({@code ERROR}, {@code PENDING_ERROR}, {@code NOT_RUNNING}); before the
 * client exists (topics checked, registry reached) the process is live and not ready.</li>
 * </ul>
 * Without {@code --http-port} nothing is started and {@link #attach} does nothing.
 */
public final class ValidatorOps implements AutoCloseable {

    static final String NOT_STARTED = "STARTING";
    public static final String READY = "popsurvey.validator.ready";
    private static final Set<State> DEAD = EnumSet.of(State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING);

    private final PrometheusMeterRegistry registry;
    private final String applicationId;
    private Optional<OpsHttpServer> server = Optional.empty();
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    private ValidatorOps(PrometheusMeterRegistry registry, String applicationId) {
        this.registry = registry;
        this.applicationId = applicationId;
    }

    /** Starts the endpoint if {@code --http-port} was given. */
    public static ValidatorOps start(HttpOptions http, ValidationCounters counters, ValidatorInfo info)
            throws IOException {
        if (!http.enabled()) {
            return new ValidatorOps(null, info.applicationId());
        }
        PrometheusMeterRegistry registry = OpsRegistry.create();
        ValidatorMeters.bind(registry, counters, info);
        ValidatorOps ops = new ValidatorOps(registry, info.applicationId());
        Gauge.builder(READY, ops, o -> o.health().ready() ? 1 : 0)
                .description("1 while the Kafka Streams client is RUNNING, else 0")
                .register(registry);
        ops.server = http.start("Validator", ops::health, registry);
        return ops;
    }

    /** The Kafka Streams client to report on, once created (before it starts). */
    public void attach(KafkaStreams client) {
        this.streams = client;
        if (registry != null) {
            streamsMetrics = new KafkaStreamsMetrics(client);
            streamsMetrics.bindTo(registry);
        }
    }

    public Health health() {
        KafkaStreams client = streams;
        if (client == null) {
            return new Health(true, false, NOT_STARTED, Map.of("application_id", applicationId));
        }
        State state = client.state();
        return new Health(
                !DEAD.contains(state), state == State.RUNNING, state.name(), Map.of("application_id", applicationId));
    }

    public Optional<OpsHttpServer> server() {
        return server;
    }

    @Override
    public void close() {
        server.ifPresent(OpsHttpServer::close);
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
    }
}
