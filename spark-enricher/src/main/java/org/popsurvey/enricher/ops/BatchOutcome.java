package org.popsurvey.enricher.ops;

/**
 * Told by the micro-batch, on the driver, what it published once its output is in place: the
 * neighborhood rows written (one per distinct Id of the batch) and the values it could not decode
 * (kept in {@code rejected/}). A replayed batch after a restart reports again.
 */
@FunctionalInterface
public interface BatchOutcome {

    BatchOutcome NONE = (batchId, rowsPublished, rejectedValues) -> {};

    void published(long batchId, long rowsPublished, long rejectedValues);
}
