package org.popsurvey.datagen;

/** Told after each neighbourhood is written to all four files. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> {};

    void rowsWritten(long done, long total);
}
