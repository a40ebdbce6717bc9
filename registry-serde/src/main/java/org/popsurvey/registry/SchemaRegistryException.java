package org.popsurvey.registry;

/** A schema registry call failed. Subclasses say why; the message always names the registry URL. */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the registry's answer, or -1 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code from the answer body (for example 40403), or -1. */
    public int errorCode() {
        return errorCode;
    }
}
