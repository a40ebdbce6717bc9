package org.popsurvey.deadletter;

import java.util.List;

/**
 * Every header of a dead letter on {@code population.dlq}, and of a record that {@code dlq replay}
 * sends back. All values are UTF-8 text; numbers are decimal text, times are epoch milliseconds
 * (as Kafka Connect and Kafka Streams write theirs). The record's key, value and timestamp are the
 * raw record's, unchanged, and the raw record's own headers are kept in front of these.
 *
 * <p>The first group uses the exact names of KIP-1034 (Kafka Streams' own dead-letter queue, 4.2+),
 * so tools written for it read ours; the second carries what KIP-1034 has no name for, under
 * {@code __popsurvey.errors.}, named after Kafka Connect's {@code __connect.errors.*} where Connect
 * has the same notion ({@code stage}, {@code task.id}).
 */
public final class DeadLetterHeaders {

    // --- KIP-1034 (Kafka Streams) names -------------------------------------------------------

    /** Source topic of the rejected record ({@code population.raw}). */
    public static final String SOURCE_TOPIC = "__streams.errors.topic";
    /** Source partition, decimal. */
    public static final String SOURCE_PARTITION = "__streams.errors.partition";
    /** Source offset, decimal. With topic and partition it identifies the raw record. */
    public static final String SOURCE_OFFSET = "__streams.errors.offset";
    /** Readable summary of every problem: {@code CODE: message}, several joined by {@code "; "}. */
    public static final String MESSAGE = "__streams.errors.message";
    /** Class name of the decoding exception. Poison pills (stage DESERIALIZATION) only. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** Stack trace of the decoding exception. Poison pills only. */
    public static final String STACKTRACE = "__streams.errors.stacktrace";

    // --- popsurvey names --------------------------------------------------------------------------

    private static final String PREFIX = "__popsurvey.errors.";

    /** Error codes, comma-separated, in rule order ({@code ESTIMATE_NOT_A_NUMBER,MOE_NEGATIVE}). */
    public static final String CODES = PREFIX + "codes";
    /** Fields involved, comma-separated, distinct ({@code estimate,margin_of_error}; {@code value}, {@code key}, {@code row}). */
    public static final String FIELDS = PREFIX + "fields";
    /** JSON array, one object per problem: {@code code}, {@code field}, {@code value} (cell text or null), {@code message}. */
    public static final String DETAILS = PREFIX + "details";
    /** {@code DESERIALIZATION}, {@code VALIDATION} or {@code DEDUPLICATION} (like Connect's {@code stage}). */
    public static final String STAGE = PREFIX + "stage";
    /** When the record was dead-lettered, epoch ms (the validator's clock). */
    public static final String TIMESTAMP = PREFIX + "timestamp";
    /** Timestamp of the raw record, epoch ms (also the dead letter's own timestamp). */
    public static final String SOURCE_TIMESTAMP = PREFIX + "source.timestamp";
    /** {@code application.id} of the validator that rejected it. */
    public static final String APPLICATION_ID = PREFIX + "application.id";
    /** Version of the validator that rejected it (the Maven project version). */
    public static final String APPLICATION_VERSION = PREFIX + "application.version";
    /** Kafka Streams task that rejected it ({@code 0_2}), like Connect's {@code task.id}. */
    public static final String TASK_ID = PREFIX + "task.id";
    /** Confluent schema id of the value, when it is framed. */
    public static final String SCHEMA_ID = PREFIX + "schema.id";
    /** Lineage: the file the producer read. Absent when the value did not decode. */
    public static final String PRODUCER_FILE = PREFIX + "producer.file";
    /** Lineage: 1-based line of that file (the header is line 1). */
    public static final String PRODUCER_LINE = PREFIX + "producer.line";
    /** Lineage: producer batch number. */
    public static final String PRODUCER_BATCH = PREFIX + "producer.batch";
    /** Lineage: producer run id. */
    public static final String PRODUCER_RUN_ID = PREFIX + "producer.run.id";
    /** CONFLICTING_RESEND only: {@code file:line@run}, the producer lineage of the row accepted first. */
    public static final String CONFLICT_WITH = PREFIX + "conflict.with";

    /**
     * Set when the dead letter could not hold the raw value within the dead-letter topic's
     * {@code max.message.bytes}: the value is left out (null) and this says {@code LENGTH bytes,
     * sha256 HEX}. Never set when the topics are sized as the validator creates them.
     */
    public static final String VALUE_OMITTED = PREFIX + "value.omitted";
    /** Likewise for the raw record's own headers: {@code N headers, LENGTH bytes}, left out. */
    public static final String HEADERS_OMITTED = PREFIX + "headers.omitted";
    /** Likewise for the key: {@code LENGTH bytes, sha256 HEX}, the key left out (null). */
    public static final String KEY_OMITTED = PREFIX + "key.omitted";

    // --- replay names (on records that dlq replay writes to the raw topic) --------------------------

    private static final String REPLAY_PREFIX = "__popsurvey.replay.";

    /** {@code topic:partition:offset} of the dead letter this record replays. */
    public static final String REPLAY_OF = REPLAY_PREFIX + "of";
    /** When it was replayed, epoch ms. */
    public static final String REPLAY_TIMESTAMP = REPLAY_PREFIX + "timestamp";
    /** The dead letter's error codes, for whoever reads the replayed record. */
    public static final String REPLAY_CODES = REPLAY_PREFIX + "codes";
    /** The cells changed by {@code --set}, as {@code field=value} pairs separated by {@code "; "}; absent if none. */
    public static final String REPLAY_CHANGES = REPLAY_PREFIX + "changes";

    /** Every dead-letter header, in the order the validator writes them (replay headers excluded). */
    public static final List<String> ERROR_HEADERS = List.of(
            SOURCE_TOPIC,
            SOURCE_PARTITION,
            SOURCE_OFFSET,
            MESSAGE,
            EXCEPTION,
            STACKTRACE,
            CODES,
            FIELDS,
            DETAILS,
            STAGE,
            TIMESTAMP,
            SOURCE_TIMESTAMP,
            APPLICATION_ID,
            APPLICATION_VERSION,
            TASK_ID,
            SCHEMA_ID,
            PRODUCER_FILE,
            PRODUCER_LINE,
            PRODUCER_BATCH,
            PRODUCER_RUN_ID,
            CONFLICT_WITH,
            VALUE_OMITTED,
            HEADERS_OMITTED,
            KEY_OMITTED);

    private DeadLetterHeaders() {}

    /**
     * Whether a header belongs to an earlier dead-lettering or replay: {@code dlq replay} drops these,
     * so a replayed record carries only its own story.
     */
    public static boolean isErrorOrReplayHeader(String name) {
        return name.startsWith("__streams.errors.") || name.startsWith(PREFIX) || name.startsWith(REPLAY_PREFIX);
    }
}
