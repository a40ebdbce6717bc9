package org.popsurvey.validator.rules;

import java.util.List;
import org.popsurvey.deadletter.Violation;

/**
 * The outcome of judging one record, in the spirit of kstreamplify's {@code ProcessingResult}: a
 * value, or every reason it was refused (never only the first).
 */
public sealed interface ProcessingResult<T> {

    static <T> ProcessingResult<T> success(T value) {
        return new Success<>(value);
    }

    static <T> ProcessingResult<T> fail(List<Violation> violations) {
        return new Failure<>(List.copyOf(violations));
    }

    static <T> ProcessingResult<T> fail(Violation violation) {
        return new Failure<>(List.of(violation));
    }

    record Success<T>(T value) implements ProcessingResult<T> {}

    record Failure<T>(List<Violation> violations) implements ProcessingResult<T> {
        public Failure {
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a failure needs at least one violation");
            }
        }
    }
}
