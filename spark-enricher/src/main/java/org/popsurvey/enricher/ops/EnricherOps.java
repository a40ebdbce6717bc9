package org.popsurvey.enricher.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.popsurvey.ops.http.Health;
import org.popsurvey.ops.http.HttpOptions;
import org.popsurvey.ops.http.OpsHttpServer;
import org.popsurvey.ops.http.OpsRegistry;

/**
 * The enricher's {@code --http-port} endpoint.
 * <ul>
 * <li>ready: the streaming query is active and it reported (a committed batch or an idle heartbeat,
 * which Spark sends every {@code spark.sql.streaming.noDataProgressEventInterval}, 10 s) within
 * {@link #staleAfter}: the larger of 6 triggers and 60 s, so a slow first batch on a cold JVM is not
 * a failure but a stuck query is;</li>
 * <li>live: until the query has terminated (failed or stopped); while Spark starts, live and not ready.</li>
 * </ul>
 * Without {@code --http-port} the meters still count (for nothing) and no server starts.
 */
public final class EnricherOps implements AutoCloseable {

    public static final String READY = "popsurvey.enricher.ready";
    static final Duration MIN_STALE_AFTER = Duration.ofSeconds(60);
    static final int STALE_TRIGGERS = 6;

    private final EnricherMeters meters;
    private final Duration staleAfter;
    private Optional<OpsHttpServer> server = Optional.empty();
    private volatile StreamingQuery query;

    private EnricherOps(EnricherMeters meters, Duration staleAfter) {
        this.meters = meters;
        this.staleAfter = staleAfter;
    }

    /** Starts the endpoint if {@code --http-port} was given: live, not ready until {@link #watch}. */
    public static EnricherOps start(HttpOptions http, Duration trigger) throws IOException {
        PrometheusMeterRegistry registry = OpsRegistry.create();
        EnricherMeters meters = new EnricherMeters(registry);
        EnricherOps ops = new EnricherOps(meters, staleAfter(trigger));
        Gauge.builder(READY, ops, o -> o.health().ready() ? 1 : 0)
                .description("1 while the query is active and reported recently, else 0")
                .register(registry);
        ops.server = http.start("Enricher", ops::health, registry);
        return ops;
    }

    static Duration staleAfter(Duration trigger) {
        Duration triggers = trigger.multipliedBy(STALE_TRIGGERS);
        return triggers.compareTo(MIN_STALE_AFTER) > 0 ? triggers : MIN_STALE_AFTER;
    }

    /** Listens to the session's streaming queries (progress, idle heartbeats). */
    public void listenTo(SparkSession spark) {
        spark.streams().addListener(meters);
    }

    /** What each micro-batch tells about its output. */
    public BatchOutcome batchOutcome() {
        return meters;
    }

    /** The query to report on, once started. */
    public void watch(StreamingQuery started) {
        this.query = started;
    }

    public Health health() {
        StreamingQuery current = query;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("last_batch_id", meters.lastBatchId());
        details.put("last_progress_age_seconds", meters.lastProgressAge().toSeconds());
        details.put("stale_after_seconds", staleAfter.toSeconds());
        if (current == null) {
            return new Health(true, false, "STARTING", details);
        }
        if (!current.isActive()) {
            if (current.exception().isDefined()) {
                details.put("error", current.exception().get().getMessage());
            }
            return new Health(false, false, "TERMINATED", details);
        }
        boolean fresh = meters.lastProgressAge().compareTo(staleAfter) <= 0;
        return new Health(true, fresh, fresh ? "ACTIVE" : "STALLED", details);
    }

    public Optional<OpsHttpServer> server() {
        return server;
    }

    @Override
    public void close() {
        server.ifPresent(OpsHttpServer::close);
    }
}
