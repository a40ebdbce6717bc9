package org.popsurvey.deadletter;

import java.util.Objects;

/**
 * One broken rule of one record.
 *
 * @param code    the stable reason
 * @param field   the field involved ({@code estimate}; several as {@code estimate,margin_of_error})
 * @param value   the offending text exactly as received, or null when there was none (a missing cell)
 * @param message one readable sentence that names the field and quotes the value
 */
public record Violation(ErrorCode code, String field, String value, String message) {

    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** A violation of the code's own field. */
    public static Violation of(ErrorCode code, String value, String message) {
        return new Violation(code, code.field(), value, message);
    }

    /** {@code CODE: message}, as the readable header lists it. */
    @Override
    public String toString() {
        return code + ": " + message;
    }
}
