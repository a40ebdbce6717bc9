package org.popsurvey.cli;

import java.util.Map;

/**
 * The producer settings under which a retried send can neither duplicate nor reorder a record
 * and an acknowledged one survives a leader's failure: declared once for every producer of ours
 * ({@code produce}, {@code dlq replay}). They are put after the user's {@code --config}, which
 * {@link RefusedSettings} has already checked, so nothing weakens them.
 */
public final class IdempotentDelivery {

    /** Kafka producer config names and values (strings, so this module needs no Kafka client). */
    public static final Map<String, Object> SETTINGS = Map.of(
            "enable.idempotence",
            true,
            "acks",
            "all",
            "retries",
            Integer.MAX_VALUE,
            // The most an idempotent producer may have in flight and still keep the order.
            "max.in.flight.requests.per.connection",
            5);

    private IdempotentDelivery() {}

    /** {@code config} with the settings above put over whatever it held. */
    public static Map<String, Object> applyTo(Map<String, Object> config) {
        config.putAll(SETTINGS);
        return config;
    }
}
