package org.popsurvey.enricher.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The enricher's meters, fed by Spark's {@link StreamingQueryListener} events (progress after each
 * committed micro-batch, idle heartbeats) and by {@link BatchOutcome} (what a batch published).
 * Labels are bounded: {@code phase} (Spark's handful of trigger phases), and {@code topic} and
 * {@code partition} of the clean topic. Also the clock {@link EnricherOps} judges readiness by.
 */
public final class EnricherMeters extends StreamingQueryListener implements BatchOutcome {

    public static final String BATCHES = "popsurvey.enricher.batches";
    public static final String BATCH_DURATION = "popsurvey.enricher.batch.duration";
    public static final String PHASE_DURATION = "popsurvey.enricher.batch.phase.duration";
    public static final String INPUT_ROWS = "popsurvey.enricher.input.rows";
    public static final String ROWS_PUBLISHED = "popsurvey.enricher.rows.published";
    public static final String REJECTED_VALUES = "popsurvey.enricher.rejected.values";
    public static final String LAST_BATCH_ID = "popsurvey.enricher.last.batch.id";
    public static final String LAST_BATCH_AGE = "popsurvey.enricher.last.batch.age";
    public static final String LAST_PROGRESS_AGE = "popsurvey.enricher.last.progress.age";
    public static final String RECORDS_BEHIND = "popsurvey.enricher.records.behind";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeterRegistry registry;
    private final Counter batches;
    private final Counter inputRows;
    private final Counter rowsPublished;
    private final Counter rejectedValues;
    private final Timer batchDuration;
    private final AtomicLong lastBatchId = new AtomicLong(-1);
    private final AtomicLong lastBatchAtNanos = new AtomicLong();
    private final AtomicLong lastHeartbeatNanos = new AtomicLong(System.nanoTime());
    private final Map<String, AtomicLong> behind = new ConcurrentHashMap<>();

    public EnricherMeters(MeterRegistry registry) {
        this.registry = registry;
        this.batches =
                Counter.builder(BATCHES).description("Micro-batches committed").register(registry);
        this.inputRows = Counter.builder(INPUT_ROWS)
                .description("Records read from the clean topic")
                .register(registry);
        this.rowsPublished = Counter.builder(ROWS_PUBLISHED)
                .description("Neighborhood rows written to neighborhoods/ (one per distinct Id of a batch)")
                .register(registry);
        this.rejectedValues = Counter.builder(REJECTED_VALUES)
                .description("Values that did not decode, kept in rejected/")
                .register(registry);
        this.batchDuration = Timer.builder(BATCH_DURATION)
                .description("Wall time of a micro-batch")
                .register(registry);
        Gauge.builder(LAST_BATCH_ID, lastBatchId, AtomicLong::get)
                .description("Id of the last committed micro-batch (-1 before the first)")
                .register(registry);
        Gauge.builder(LAST_BATCH_AGE, this, m -> m.lastBatchAge().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Time since the last micro-batch was committed (since the start before the first)")
                .register(registry);
        Gauge.builder(LAST_PROGRESS_AGE, this, m -> m.lastProgressAge().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Time since the query last reported: a batch, or an idle heartbeat")
                .register(registry);
    }

    /** Since the last progress or idle event (or since this object was made). */
    public Duration lastProgressAge() {
        return Duration.ofNanos(System.nanoTime() - lastHeartbeatNanos.get());
    }

    /** Since the last committed batch (or since the query started). */
    public Duration lastBatchAge() {
        long at = lastBatchAtNanos.get();
        return Duration.ofNanos(System.nanoTime() - (at == 0 ? lastHeartbeatNanos.get() : at));
    }

    public long lastBatchId() {
        return lastBatchId.get();
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        lastHeartbeatNanos.set(System.nanoTime());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        long now = System.nanoTime();
        lastHeartbeatNanos.set(now);
        lastBatchAtNanos.set(now);
        lastBatchId.set(progress.batchId());
        batches.increment();
        inputRows.increment(progress.numInputRows());
        batchDuration.record(progress.batchDuration(), TimeUnit.MILLISECONDS);
        progress.durationMs()
                .forEach((phase, millis) -> Timer.builder(PHASE_DURATION)
                        .description("Time of each phase of a micro-batch (Spark's durationMs)")
                        .tag("phase", phase)
                        .register(registry)
                        .record(millis, TimeUnit.MILLISECONDS));
        for (SourceProgress source : progress.sources()) {
            recordBehind(source.endOffset(), source.latestOffset());
        }
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        lastHeartbeatNanos.set(System.nanoTime());
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        // readiness asks the query itself
    }

    @Override
    public void published(long batchId, long rows, long rejected) {
        rowsPublished.increment(rows);
        rejectedValues.increment(rejected);
    }

    /**
     * Kafka source offsets are JSON, {@code {"population.clean":{"0":91,"1":88}}}: the batch read
     * up to {@code end}; {@code latest} is the topic's end when the batch was planned.
     */
    private void recordBehind(String end, String latest) {
        if (end == null || latest == null) {
            return;
        }
        try {
            JsonNode ends = JSON.readTree(end);
            JsonNode latests = JSON.readTree(latest);
            for (Iterator<Map.Entry<String, JsonNode>> topics = latests.fields(); topics.hasNext(); ) {
                Map.Entry<String, JsonNode> topic = topics.next();
                for (Iterator<Map.Entry<String, JsonNode>> parts =
                                topic.getValue().fields();
                        parts.hasNext(); ) {
                    Map.Entry<String, JsonNode> partition = parts.next();
                    long read =
                            ends.path(topic.getKey()).path(partition.getKey()).asLong(0);
                    long behindNow = Math.max(0, partition.getValue().asLong() - read);
                    behindGauge(topic.getKey(), partition.getKey()).set(behindNow);
                }
            }
        } catch (java.io.IOException e) {
            // Not a Kafka source's offsets: nothing to report per partition.
        }
    }

    private AtomicLong behindGauge(String topic, String partition) {
        return behind.computeIfAbsent(topic + "/" + partition, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(RECORDS_BEHIND, value, AtomicLong::get)
                    .description("Records in the partition after the last batch's end offset, as of that batch")
                    .tag("topic", topic)
                    .tag("partition", partition)
                    .register(registry);
            return value;
        });
    }
}
