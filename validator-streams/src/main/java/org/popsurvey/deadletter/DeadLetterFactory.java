package org.popsurvey.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceLineage;

/**
 * Builds the dead letter of a rejected raw record: the raw key, value and timestamp unchanged, the
 * raw record's headers, then the {@link DeadLetterHeaders} that explain it, each bounded so that
 * the dead letter always fits the dead-letter topic.
 */
public final class DeadLetterFactory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String applicationId;
    private final String applicationVersion;
    private final int maxRecordBytes;

    /**
     * @param maxRecordBytes the largest record the dead-letter topic takes (its {@code max.message.bytes},
     *                       which the validator's producer may send): a larger dead letter is cut down
     */
    public DeadLetterFactory(String applicationId, String applicationVersion, int maxRecordBytes) {
        this.applicationId = applicationId;
        this.applicationVersion = applicationVersion;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Why a record is rejected and what is known about it.
     *
     * @param row          the decoded row, or null for a poison pill
     * @param schemaId     the Confluent schema id, or null when the value is not framed
     * @param exception    the decoding exception (poison pills), else null
     * @param conflictWith {@code file:line@run} of the accepted row (conflicts), else null
     */
    public record Rejection(
            Stage stage,
            List<Violation> violations,
            RawPopulationRow row,
            Integer schemaId,
            Throwable exception,
            String conflictWith) {

        /** A record refused before it was decoded (a bound on headers or value size). */
        public static Rejection undecoded(Violation violation, Integer schemaId) {
            return new Rejection(Stage.DESERIALIZATION, List.of(violation), null, schemaId, null, null);
        }

        /** A value that does not decode; {@code exception} goes into the stack-trace headers. */
        public static Rejection poisonPill(Violation violation, Integer schemaId, Throwable exception) {
            return new Rejection(Stage.DESERIALIZATION, List.of(violation), null, schemaId, exception, null);
        }

        /** A decoded row that breaks validation rules. */
        public static Rejection invalid(List<Violation> violations, RawPopulationRow row, Integer schemaId) {
            return new Rejection(Stage.VALIDATION, violations, row, schemaId, null, null);
        }

        /** A valid row on another partition than its key's: re-send detection could not see it. */
        public static Rejection misrouted(Violation violation, RawPopulationRow row, Integer schemaId) {
            return new Rejection(Stage.DEDUPLICATION, List.of(violation), row, schemaId, null, null);
        }

        /** A valid row whose Id was accepted before with other content. */
        public static Rejection conflict(
                Violation violation, RawPopulationRow row, Integer schemaId, String conflictWith) {
            return new Rejection(Stage.DEDUPLICATION, List.of(violation), row, schemaId, null, conflictWith);
        }

        public List<ErrorCode> codes() {
            return violations.stream().map(Violation::code).distinct().toList();
        }
    }

    /**
     * The dead letter: raw key, value, timestamp and headers, then the explanation headers (each
     * bounded, see {@link HeaderText}). If that is larger than the dead-letter topic takes (only
     * possible when the topic is smaller than the validator sizes it), the raw value, then the raw
     * headers, then the key are left out, each replaced by a header saying what was there
     * ({@link DeadLetterHeaders#VALUE_OMITTED}...): a dead letter is always written.
     */
    public Record<byte[], byte[]> deadLetter(
            Record<byte[], byte[]> raw, RecordMetadata source, String taskId, long now, Rejection rejection) {
        Header[] rawHeaders = raw.headers().toArray();
        Headers explanation = explanation(raw, source, taskId, now, rejection);
        byte[] key = raw.key();
        byte[] value = raw.value();
        if (fits(key, value, rawHeaders, explanation)) {
            return new Record<>(key, value, raw.timestamp(), join(rawHeaders, explanation));
        }
        add(explanation, DeadLetterHeaders.VALUE_OMITTED, omitted(value));
        value = null;
        if (!fits(key, value, rawHeaders, explanation)) {
            int bytes = Arrays.stream(rawHeaders)
                    .mapToInt(h -> h.key().length() + (h.value() == null ? 0 : h.value().length))
                    .sum();
            add(explanation, DeadLetterHeaders.HEADERS_OMITTED, rawHeaders.length + " headers, " + bytes + " bytes");
            rawHeaders = new Header[0];
        }
        if (!fits(key, value, rawHeaders, explanation)) {
            add(explanation, DeadLetterHeaders.KEY_OMITTED, omitted(key));
            key = null;
        }
        return new Record<>(key, value, raw.timestamp(), join(rawHeaders, explanation));
    }

    private Headers explanation(
            Record<byte[], byte[]> raw, RecordMetadata source, String taskId, long now, Rejection rejection) {
        Headers headers = new RecordHeaders();
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        add(
                headers,
                DeadLetterHeaders.MESSAGE,
                HeaderText.cut(summary(rejection.violations()), HeaderText.MESSAGE_CHARS));
        if (rejection.exception() != null) {
            add(
                    headers,
                    DeadLetterHeaders.EXCEPTION,
                    rejection.exception().getClass().getName());
            add(
                    headers,
                    DeadLetterHeaders.STACKTRACE,
                    HeaderText.cut(stackTrace(rejection.exception()), HeaderText.STACKTRACE_CHARS));
        }
        add(
                headers,
                DeadLetterHeaders.CODES,
                rejection.codes().stream().map(Enum::name).collect(Collectors.joining(",")));
        add(headers, DeadLetterHeaders.FIELDS, fields(rejection.violations()));
        add(headers, DeadLetterHeaders.DETAILS, details(rejection.violations()));
        add(headers, DeadLetterHeaders.STAGE, rejection.stage().name());
        add(headers, DeadLetterHeaders.TIMESTAMP, Long.toString(now));
        add(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(raw.timestamp()));
        add(headers, DeadLetterHeaders.APPLICATION_ID, applicationId);
        add(headers, DeadLetterHeaders.APPLICATION_VERSION, applicationVersion);
        add(headers, DeadLetterHeaders.TASK_ID, taskId);
        if (rejection.schemaId() != null) {
            add(headers, DeadLetterHeaders.SCHEMA_ID, Integer.toString(rejection.schemaId()));
        }
        if (rejection.row() != null && rejection.row().getLineage() != null) {
            SourceLineage lineage = rejection.row().getLineage();
            add(
                    headers,
                    DeadLetterHeaders.PRODUCER_FILE,
                    HeaderText.cut(lineage.getSourceFile(), HeaderText.MESSAGE_CHARS));
            add(headers, DeadLetterHeaders.PRODUCER_LINE, Long.toString(lineage.getLineNumber()));
            add(headers, DeadLetterHeaders.PRODUCER_BATCH, Integer.toString(lineage.getBatchNumber()));
            add(
                    headers,
                    DeadLetterHeaders.PRODUCER_RUN_ID,
                    HeaderText.cut(lineage.getProducerRunId(), HeaderText.MESSAGE_CHARS));
        }
        if (rejection.conflictWith() != null) {
            add(
                    headers,
                    DeadLetterHeaders.CONFLICT_WITH,
                    HeaderText.cut(rejection.conflictWith(), HeaderText.MESSAGE_CHARS));
        }
        return headers;
    }

    /** The record's size as the producer counts it against {@code max.request.size}, an upper bound of the batch's. */
    private boolean fits(byte[] key, byte[] value, Header[] rawHeaders, Headers explanation) {
        Header[] all = join(rawHeaders, explanation).toArray();
        return AbstractRecords.estimateSizeInBytesUpperBound(
                        RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key, value, all)
                <= maxRecordBytes;
    }

    private static Headers join(Header[] rawHeaders, Headers explanation) {
        Headers headers = new RecordHeaders(rawHeaders);
        explanation.forEach(headers::add);
        return headers;
    }

    private static String omitted(byte[] bytes) {
        return bytes == null ? "null" : bytes.length + " bytes, sha256 " + HeaderText.sha256(bytes);
    }

    /** One problem: its message; several: {@code "2 problems: CODE: message; CODE: message"}. */
    public static String summary(List<Violation> violations) {
        String joined = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        return violations.size() == 1 ? joined : violations.size() + " problems: " + joined;
    }

    private static String fields(List<Violation> violations) {
        Set<String> fields = new LinkedHashSet<>();
        for (Violation violation : violations) {
            fields.addAll(List.of(violation.field().split(",")));
        }
        return String.join(",", fields);
    }

    /** Each cell's text is kept up to {@link HeaderText#CELL_CHARS}; a longer one also gets its length and hash. */
    private static String details(List<Violation> violations) {
        ArrayNode array = JSON.createArrayNode();
        for (Violation violation : violations) {
            ObjectNode problem = array.addObject()
                    .put("code", violation.code().name())
                    .put("field", violation.field())
                    .put("value", HeaderText.prefix(violation.value(), HeaderText.CELL_CHARS))
                    .put("message", HeaderText.cut(violation.message(), HeaderText.MESSAGE_CHARS));
            if (HeaderText.isCut(violation.value(), HeaderText.CELL_CHARS)) {
                problem.put("value_cut", true)
                        .put("value_length", violation.value().length())
                        .put("value_sha256", HeaderText.sha256(violation.value()));
            }
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write dead-letter details as JSON", e);
        }
    }

    private static String stackTrace(Throwable exception) {
        StringWriter text = new StringWriter();
        exception.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
