package org.popsurvey.registry;

/** The registry does not know the subject, version or schema id asked for (HTTP 404). */
public class SchemaNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String message, int errorCode) {
        super(message, 404, errorCode, null);
    }
}
