package org.popsurvey.validator;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.popsurvey.dlq.DeadLetterHeaders;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.validator.outcome.ErrorCode;
import org.popsurvey.validator.outcome.Stage;
import org.popsurvey.validator.outcome.Violation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Builds the dead letter of a rejected raw record: the raw key, value and timestamp unchanged, the
 * raw record's headers, then the {@link DeadLetterHeaders} that explain it.
 */
final class DeadLetterFactory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String applicationId;
    private final String applicationVersion;

    DeadLetterFactory(String applicationId, String applicationVersion) {
        this.applicationId = applicationId;
        this.applicationVersion = applicationVersion;
    }

    /**
     * Why a record is rejected and what is known about it.
     *
     * @param row          the decoded row, or null for a poison pill
     * @param schemaId     the Confluent schema id, or null when the value is not framed
     * @param exception    the decoding exception (poison pills), else null
     * @param conflictWith {@code file:line@run} of the accepted row (conflicts), else null
     */
    record Rejection(Stage stage, List<Violation> violations, RawPopulationRow row, Integer schemaId,
                     Throwable exception, String conflictWith) {

        List<ErrorCode> codes() {
            return violations.stream().map(Violation::code).distinct().toList();
        }
    }

    Record<byte[], byte[]> deadLetter(Record<byte[], byte[]> raw, RecordMetadata source, String taskId, long now,
                                      Rejection rejection) {
        Headers headers = new RecordHeaders(raw.headers().toArray());
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        add(headers, DeadLetterHeaders.MESSAGE, summary(rejection.violations()));
        if (rejection.exception() != null) {
            add(headers, DeadLetterHeaders.EXCEPTION, rejection.exception().getClass().getName());
            add(headers, DeadLetterHeaders.STACKTRACE, stackTrace(rejection.exception()));
        }
        add(headers, DeadLetterHeaders.CODES,
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
            add(headers, DeadLetterHeaders.PRODUCER_FILE, lineage.getSourceFile());
            add(headers, DeadLetterHeaders.PRODUCER_LINE, Long.toString(lineage.getLineNumber()));
            add(headers, DeadLetterHeaders.PRODUCER_BATCH, Integer.toString(lineage.getBatchNumber()));
            add(headers, DeadLetterHeaders.PRODUCER_RUN_ID, lineage.getProducerRunId());
        }
        if (rejection.conflictWith() != null) {
            add(headers, DeadLetterHeaders.CONFLICT_WITH, rejection.conflictWith());
        }
        return new Record<>(raw.key(), raw.value(), raw.timestamp(), headers);
    }

    /** One problem: its message; several: {@code "2 problems: CODE: message; CODE: message"}. */
    static String summary(List<Violation> violations) {
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

    private static String details(List<Violation> violations) {
        ArrayNode array = JSON.createArrayNode();
        for (Violation violation : violations) {
            array.addObject()
                    .put("code", violation.code().name())
                    .put("field", violation.field())
                    .put("value", violation.value())
                    .put("message", violation.message());
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
