package org.popsurvey.registry;

/**
 * The registry could not be reached (or kept answering 5xx) after the configured retries. This is
 * an infrastructure problem, not a record problem: callers stop or retry, never dead-letter.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, -1, cause);
    }
}
