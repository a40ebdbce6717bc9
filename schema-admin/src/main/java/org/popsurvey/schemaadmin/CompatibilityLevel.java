package org.popsurvey.schemaadmin;

import java.util.Locale;
import org.popsurvey.cli.CommandFailedException;

/**
 * A subject's compatibility level, as Confluent defines it: which way data must stay readable
 * (BACKWARD: the new schema reads data written with registered versions; FORWARD: registered
 * versions read data written with the new schema; FULL: both) and against which versions (the
 * latest, or every one for {@code *_TRANSITIVE}).
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** The new schema must read data written with the versions checked against. */
    boolean newReadsOld() {
        return newReadsOld;
    }

    /** The versions checked against must read data written with the new schema. */
    boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Checked against every registered version, not only the latest. */
    boolean transitive() {
        return transitive;
    }

    /** The level a registry reports ({@code compatibilityLevel}), named as Confluent names it. */
    static CompatibilityLevel parse(String level, String where) {
        try {
            return valueOf(level.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("Unknown compatibility level '" + level + "' for " + where
                    + "; expected one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, "
                    + "FULL_TRANSITIVE");
        }
    }
}
