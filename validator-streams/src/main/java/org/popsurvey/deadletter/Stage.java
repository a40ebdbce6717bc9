package org.popsurvey.deadletter;

/**
 * Where in the validator a record failed, as Kafka Connect's {@code __connect.errors.stage} says
 * which step of a connector failed. Written to the {@code __popsurvey.errors.stage} header.
 */
public enum Stage {
    /** The value could not be decoded into a RawPopulationRow (a poison pill). */
    DESERIALIZATION,
    /** The row decoded, and one or more of its cells (or its key) broke a rule. */
    VALIDATION,
    /** The row is valid, but its Id was already accepted with different content. */
    DEDUPLICATION
}
