package org.popsurvey.validator.rules;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.deadletter.CellText;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Violation;

/** Collects the violations of one record, in rule order. */
final class Violations {

    private final List<Violation> found = new ArrayList<>(2);

    /** Adds a violation of the code's own field; the message gets the field and quoted value in front. */
    void add(ErrorCode code, String value, String explanation) {
        found.add(Violation.of(code, value, code.field() + " " + CellText.quote(value) + ": " + explanation));
    }

    void add(Violation violation) {
        found.add(violation);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    List<Violation> list() {
        return found;
    }
}
