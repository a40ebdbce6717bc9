package org.popsurvey.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value that can never be decoded, whatever the retries: not Confluent-framed, an id the
 * registry does not know, or a body that does not match its schema. A record problem: route it to
 * a dead-letter topic and move on.
 */
public class PoisonPillException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /** Why the value is undecodable. Names are stable: they appear in dead-letter headers. */
    public enum Reason {
        NOT_CONFLUENT_FRAMED,
        UNKNOWN_SCHEMA_ID,
        /** The id names a schema that is not Avro (Protobuf, JSON Schema) or does not parse as Avro. */
        NOT_AN_AVRO_SCHEMA,
        /** The registry answered about the id with an error other than not-found, unavailable or denied. */
        SCHEMA_ID_REFUSED_BY_REGISTRY,
        /** A string, bytes, array or map declares more bytes or items than the whole body holds. */
        DECLARED_SIZE_EXCEEDS_VALUE,
        UNDECODABLE_AVRO
    }

    private final Reason reason;
    private final int schemaId;
    private final String detail;

    public PoisonPillException(Reason reason, int schemaId, String detail) {
        this(reason, schemaId, detail, null);
    }

    public PoisonPillException(Reason reason, int schemaId, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
        this.schemaId = schemaId;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** What is wrong with the value, without the reason's name (the message is {@code REASON: detail}). */
    public String detail() {
        return detail;
    }

    /** The schema id in the header, or -1 when the value is not framed. */
    public int schemaId() {
        return schemaId;
    }
}
