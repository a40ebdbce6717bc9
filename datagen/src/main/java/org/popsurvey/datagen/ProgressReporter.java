package org.popsurvey.datagen;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Prints a progress line every {@value #PERCENT_STEP}% or every {@value #INTERVAL_SECONDS} s,
 * whichever comes first, for runs of at least {@value #MIN_ROWS} neighbourhoods (small runs only
 * print the summary).
 */
final class ProgressReporter implements ProgressListener {

    static final int PERCENT_STEP = 5;
    static final int INTERVAL_SECONDS = 5;
    static final long MIN_ROWS = 10_000;

    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastNanos;
    private long nextPercent = PERCENT_STEP;

    ProgressReporter(PrintWriter out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastNanos = startNanos;
    }

    @Override
    public void rowsWritten(long done, long total) {
        if (total < MIN_ROWS || done == total) {
            return;
        }
        long percent = done * 100 / total;
        // Checking the clock on every row costs more than the row; every 1024th is plenty.
        boolean due = percent >= nextPercent
                || ((done & 1023) == 0 && nanoClock.getAsLong() - lastNanos >= INTERVAL_SECONDS * 1_000_000_000L);
        if (!due) {
            return;
        }
        long now = nanoClock.getAsLong();
        double seconds = (now - startNanos) / 1e9;
        out.printf(
                "datagen: %,d / %,d neighborhoods (%d%%), %.1f s, %,.0f rows/s%n",
                done, total, percent, seconds, done / Math.max(seconds, 1e-9));
        out.flush();
        lastNanos = now;
        nextPercent = (percent / PERCENT_STEP + 1) * PERCENT_STEP;
    }
}
