package org.popsurvey.producer;

import org.popsurvey.cli.CommandFailedException;

/** A row could not be delivered within the delivery timeout; the run stops and exits non-zero. */
public final class DeliveryFailedException extends CommandFailedException {

    private static final long serialVersionUID = 1L;

    private final long acknowledged;

    DeliveryFailedException(String message, long acknowledged, Throwable cause) {
        super(message, cause);
        this.acknowledged = acknowledged;
    }

    /** Rows acknowledged by the broker before the failure. */
    public long acknowledged() {
        return acknowledged;
    }
}
