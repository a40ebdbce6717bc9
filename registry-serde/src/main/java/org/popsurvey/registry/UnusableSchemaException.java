package org.popsurvey.registry;

/**
 * The registry knows the schema id, but it names a schema this client cannot use as Avro: another
 * type (Protobuf, JSON Schema, registered in the same registry) or text that does not parse as
 * Avro. A fact about the id, never a registry outage.
 */
public class UnusableSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public UnusableSchemaException(String message, Throwable cause) {
        super(message, 200, -1, cause);
    }
}
