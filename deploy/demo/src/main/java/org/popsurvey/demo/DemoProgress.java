package org.popsurvey.demo;

import java.io.PrintWriter;

/** The demo's own progress lines, on stderr beside the producer's. */
final class DemoProgress {

    private final PrintWriter err;
    private int step;

    DemoProgress(PrintWriter err) {
        this.err = err;
    }

    void step(String name, String what) {
        step++;
        err.printf("[demo %d/7] %s%s%n", step, name, what.isEmpty() ? "" : ": " + what);
        err.flush();
    }

    void detail(String text) {
        err.println("           " + text);
        err.flush();
    }
}
