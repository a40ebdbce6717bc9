package org.popsurvey.validator;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.popsurvey.deadletter.CellText;
import org.popsurvey.deadletter.DeadLetterFactory;
import org.popsurvey.deadletter.DeadLetterFactory.Rejection;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Violation;
import org.popsurvey.registry.SchemaRegistryAccessDeniedException;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.registry.SchemaRegistryUnavailableException;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.serde.ConfluentAvroSerializer;
import org.popsurvey.serde.PoisonPillException;
import org.popsurvey.serde.WireFormat;
import org.popsurvey.validator.metrics.TaskMetrics;
import org.popsurvey.validator.metrics.ValidationCounters;
import org.popsurvey.validator.resend.AcceptedIdsLoader;
import org.popsurvey.validator.resend.ResendGuard;
import org.popsurvey.validator.rules.ProcessingResult;
import org.popsurvey.validator.rules.RecordLimits;
import org.popsurvey.validator.rules.RowValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's single processor: decode (inside the topology, so a poison pill becomes a dead
 * letter with its original bytes instead of stopping the app), validate, check for re-sends, and
 * forward to the clean sink or the dead-letter sink. Both sinks belong to this topology, so under
 * exactly_once_v2 the clean record, the dead letter and the input offset are committed in one
 * transaction. The accepted Ids are rebuilt from the clean topic when the task starts (see
 * {@link org.popsurvey.validator.resend.CleanTopicLoader}), so they always match what was committed.
 */
final class ValidateProcessor implements Processor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(ValidateProcessor.class);

    private final SchemaRegistryClient registry;
    private final RowValidator validator;
    private final DeadLetterFactory deadLetters;
    private final ValidationCounters counters;
    private final ConfluentAvroSerializer<PopulationRecord> cleanSerializer;
    private final String cleanTopic;
    private final int partitions;
    private final int maxValueBytes;
    private final AcceptedIdsLoader acceptedIdsLoader;

    private ProcessorContext<Object, Object> context;
    private ConfluentAvroDecoder<RawPopulationRow> decoder;
    private ResendGuard resendGuard;
    private TaskMetrics metrics;
    private String taskId;

    ValidateProcessor(
            SchemaRegistryClient registry,
            RowValidator validator,
            DeadLetterFactory deadLetters,
            ValidationCounters counters,
            ConfluentAvroSerializer<PopulationRecord> cleanSerializer,
            ValidatorSettings settings,
            AcceptedIdsLoader acceptedIdsLoader) {
        this.registry = registry;
        this.validator = validator;
        this.deadLetters = deadLetters;
        this.counters = counters;
        this.cleanSerializer = cleanSerializer;
        this.cleanTopic = settings.cleanTopic();
        this.partitions = settings.partitions();
        this.maxValueBytes = settings.limits().maxValueBytes();
        this.acceptedIdsLoader = acceptedIdsLoader;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.taskId = context.taskId().toString();
        // The task's partition of the clean topic holds what it accepted: rows are keyed, and so
        // partitioned, by Id on both topics, which have the same partition count (TopicSetup).
        this.resendGuard = new ResendGuard(
                acceptedIdsLoader.load(
                        new TopicPartition(cleanTopic, context.taskId().partition())),
                ConfluentAvroDecoder.specific(registry, PopulationRecord.getClassSchema()));
        this.decoder = ConfluentAvroDecoder.specific(registry, RawPopulationRow.getClassSchema());
        this.metrics = new TaskMetrics(context.metrics(), taskId, counters);
    }

    @Override
    public void process(Record<byte[], byte[]> raw) {
        long now = context.currentSystemTimeMs();
        metrics.processed(now);
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Integer schemaId = WireFormat.isFramed(raw.value()) ? WireFormat.schemaId(raw.value()) : null;
        long headerBytes = headerBytes(raw);
        if (headerBytes > RecordLimits.MAX_HEADER_BYTES) {
            reject(
                    raw,
                    source,
                    now,
                    Rejection.undecoded(
                            new Violation(
                                    ErrorCode.HEADERS_TOO_LARGE,
                                    "headers",
                                    null,
                                    raw.headers().toArray().length + " headers of " + headerBytes + " bytes, more than "
                                            + RecordLimits.MAX_HEADER_BYTES + "; not decoded"),
                            schemaId));
            return;
        }
        if (raw.value() != null && raw.value().length > maxValueBytes) {
            reject(
                    raw,
                    source,
                    now,
                    Rejection.undecoded(
                            new Violation(
                                    ErrorCode.VALUE_TOO_LARGE,
                                    "value",
                                    null,
                                    "value of " + raw.value().length + " bytes, more than --max-value-bytes "
                                            + maxValueBytes + "; not decoded"),
                            schemaId));
            return;
        }
        RawPopulationRow row;
        try {
            row = decoder.decode(raw.value());
        } catch (PoisonPillException e) {
            reject(raw, source, now, Rejection.poisonPill(poisonPill(e, raw.value()), schemaId, e));
            return;
        } catch (SchemaRegistryUnavailableException e) {
            log.error(
                    "Schema registry unavailable while decoding {}-{}@{}: {}. This is not a record problem, so "
                            + "the record is not dead-lettered: the validator stops, and once restarted it resumes "
                            + "from the last committed offset.",
                    source.topic(),
                    source.partition(),
                    source.offset(),
                    e.getMessage());
            throw e;
        } catch (SchemaRegistryAccessDeniedException e) {
            log.error(
                    "Schema registry refused access while decoding {}-{}@{}: {}. Not a record problem: the validator "
                            + "stops, and once restarted with working credentials it resumes from the last committed "
                            + "offset.",
                    source.topic(),
                    source.partition(),
                    source.offset(),
                    e.getMessage());
            throw e;
        }
        ProcessingResult<PopulationRecord> result = validator.validate(raw.key(), row);
        if (result instanceof ProcessingResult.Failure<PopulationRecord> failure) {
            reject(raw, source, now, Rejection.invalid(failure.violations(), row, schemaId));
            return;
        }
        PopulationRecord clean = ((ProcessingResult.Success<PopulationRecord>) result).value();
        int expected = BuiltInPartitioner.partitionForKey(raw.key(), partitions);
        if (expected != source.partition()) {
            reject(raw, source, now, Rejection.misrouted(partitionMismatch(clean, source, expected), row, schemaId));
            return;
        }
        byte[] cleanValue = cleanSerializer.serialize(cleanTopic, clean);
        ResendGuard.Decision decision = resendGuard.admit(clean, cleanValue);
        switch (decision.verdict()) {
            case ACCEPT -> {
                context.forward(
                        new Record<>(Integer.toString(clean.getId()), cleanValue, raw.timestamp(), raw.headers()),
                        ValidatorTopology.CLEAN_SINK);
                metrics.accepted(now);
            }
            case ABSORB -> {
                metrics.absorbed(now);
                log.debug(
                        "Absorbed identical re-send of Id {} from {}-{}@{} (first accepted from {})",
                        clean.getId(),
                        source.topic(),
                        source.partition(),
                        source.offset(),
                        ResendGuard.origin(decision.previous()));
            }
            case CONFLICT ->
                reject(
                        raw,
                        source,
                        now,
                        Rejection.conflict(
                                decision.violation(), row, schemaId, ResendGuard.origin(decision.previous())));
        }
    }

    private void reject(Record<byte[], byte[]> raw, RecordMetadata source, long now, Rejection rejection) {
        context.forward(
                deadLetters.deadLetter(raw, source, taskId, now, rejection), ValidatorTopology.DEAD_LETTER_SINK);
        metrics.deadLettered(rejection.stage(), rejection.codes(), raw.value() == null ? 0 : raw.value().length, now);
        if (log.isDebugEnabled()) {
            log.debug(
                    "Dead-lettered {}-{}@{}: {}",
                    source.topic(),
                    source.partition(),
                    source.offset(),
                    DeadLetterFactory.summary(rejection.violations()));
        }
    }

    /** The violation for an undecodable value, with a hint at what the bytes look like. */
    private static Violation poisonPill(PoisonPillException e, byte[] value) {
        ErrorCode code = switch (e.reason()) {
            case NOT_CONFLUENT_FRAMED -> ErrorCode.NOT_CONFLUENT_AVRO;
            case UNKNOWN_SCHEMA_ID -> ErrorCode.UNKNOWN_SCHEMA_ID;
            case NOT_AN_AVRO_SCHEMA -> ErrorCode.NOT_AN_AVRO_SCHEMA;
            case SCHEMA_ID_REFUSED_BY_REGISTRY -> ErrorCode.SCHEMA_ID_REFUSED_BY_REGISTRY;
            case DECLARED_SIZE_EXCEEDS_VALUE -> ErrorCode.AVRO_DECLARED_SIZE_EXCEEDS_VALUE;
            case UNDECODABLE_AVRO -> ErrorCode.UNDECODABLE_AVRO;
        };
        String detail = e.detail();
        if (code == ErrorCode.NOT_CONFLUENT_AVRO && value != null && value.length > 0) {
            String text = new String(value, 0, Math.min(value.length, 80), StandardCharsets.UTF_8);
            detail += "; the value starts " + CellText.quote(text);
        }
        return new Violation(
                code, "value", null, "value of " + (value == null ? 0 : value.length) + " bytes: " + detail);
    }

    private static long headerBytes(Record<byte[], byte[]> raw) {
        long bytes = 0;
        for (Header header : raw.headers()) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    /**
     * Re-sends are recognised per partition (each task remembers the Ids of its clean partition),
     * which holds only if every row of an Id arrives where Kafka's default partitioner puts its
     * key, as the clean record does. A producer that partitions otherwise is detected here.
     */
    private Violation partitionMismatch(PopulationRecord clean, RecordMetadata source, int expected) {
        return new Violation(
                ErrorCode.PARTITION_MISMATCH,
                "key",
                Integer.toString(clean.getId()),
                "Id "
                        + clean.getId() + " arrived on partition " + source.partition() + " of " + source.topic()
                        + ", but Kafka's default partitioner puts its key on partition " + expected + " of "
                        + partitions
                        + ": the producer partitions differently (librdkafka's default or a custom partitioner), which "
                        + "would defeat the re-send check");
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
