package org.popsurvey.validator.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Stage;

/**
 * The validator's Kafka Streams metrics for one task, visible over JMX as
 * {@code kafka.streams:type=stream-popsurvey-validator-metrics,thread-id=...,popsurvey-validator-id=<task>}
 * with attributes {@code <name>-total} and {@code <name>-rate}: {@code processed}, {@code accepted},
 * {@code absorbed}, {@code dead-lettered}, and one {@code code-<error-code>} per code
 * ({@code code-estimate-not-a-number-total}). Also feeds the process-wide {@link ValidationCounters}.
 */
public final class TaskMetrics {

    /** Scope of the sensors: the JMX type is {@code stream-<scope>-metrics}. */
    public static final String SCOPE = "popsurvey-validator";

    private final StreamsMetrics metrics;
    private final String taskId;
    private final ValidationCounters counters;
    private final Sensor processed;
    private final Sensor accepted;
    private final Sensor absorbed;
    private final Sensor deadLettered;
    private final Map<ErrorCode, Sensor> byCode = new EnumMap<>(ErrorCode.class);
    private final List<Sensor> all = new ArrayList<>();

    public TaskMetrics(StreamsMetrics metrics, String taskId, ValidationCounters counters) {
        this.metrics = metrics;
        this.taskId = taskId;
        this.counters = counters;
        this.processed = sensor("processed");
        this.accepted = sensor("accepted");
        this.absorbed = sensor("absorbed");
        this.deadLettered = sensor("dead-lettered");
    }

    /** The metric name stem of a code: {@code code-estimate-not-a-number}. */
    public static String operationName(ErrorCode code) {
        return "code-" + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /*
     * Each takes the task's cached wall-clock time, so recording costs no clock read: these run
     * for every record.
     */

    public void processed(long nowMs) {
        processed.record(1.0, nowMs);
        counters.processed();
    }

    public void accepted(long nowMs) {
        accepted.record(1.0, nowMs);
        counters.accepted();
    }

    public void absorbed(long nowMs) {
        absorbed.record(1.0, nowMs);
        counters.absorbed();
    }

    /** A dead letter of {@code stage} with {@code codes}, whose raw value had {@code valueBytes} bytes. */
    public void deadLettered(Stage stage, List<ErrorCode> codes, int valueBytes, long nowMs) {
        deadLettered.record(1.0, nowMs);
        for (ErrorCode code : codes) {
            byCode.computeIfAbsent(code, c -> sensor(operationName(c))).record(1.0, nowMs);
        }
        counters.deadLettered(stage, codes, valueBytes);
    }

    /** Removes this task's sensors (the task is closing or moving to another instance). */
    public void close() {
        all.forEach(metrics::removeSensor);
        all.clear();
    }

    private Sensor sensor(String operation) {
        Sensor sensor = metrics.addRateTotalSensor(SCOPE, taskId, operation, Sensor.RecordingLevel.INFO);
        all.add(sensor);
        return sensor;
    }
}
