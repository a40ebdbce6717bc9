package org.popsurvey.demo;

import java.io.PrintWriter;
import java.util.List;

/** The demo's own progress lines, on stderr beside the producer's. */
final class DemoProgress {

    /** Every step of a run, in order: a line's number and the total both come from here. */
    static final List<String> STEPS =
            List.of("data", "stack", "validator", "enricher", "produce", "wait", "summary", "report");

    private final PrintWriter err;

    DemoProgress(PrintWriter err) {
        this.err = err;
    }

    void step(String name, String what) {
        int number = STEPS.indexOf(name) + 1;
        if (number == 0) {
            throw new IllegalArgumentException("no demo step " + name + " in " + STEPS);
        }
        err.printf("[demo %d/%d] %s%s%n", number, STEPS.size(), name, what.isEmpty() ? "" : ": " + what);
        err.flush();
    }

    void detail(String text) {
        err.println("           " + text);
        err.flush();
    }
}
