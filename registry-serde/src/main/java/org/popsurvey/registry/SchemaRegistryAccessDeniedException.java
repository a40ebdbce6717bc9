package org.popsurvey.registry;

/**
 * The registry refused the credentials (HTTP 401) or the permission (HTTP 403). An operational
 * problem like an outage: callers stop with a clear message, never dead-letter a record for it.
 */
public class SchemaRegistryAccessDeniedException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryAccessDeniedException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode, null);
    }
}
