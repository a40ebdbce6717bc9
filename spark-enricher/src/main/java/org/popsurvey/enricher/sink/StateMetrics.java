package org.popsurvey.enricher.sink;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;

/**
 * The tables the sink publishes beside {@code neighborhoods/}, computed from its new state. What
 * can be accumulated row by row is taken from the rows as the sink writes them (a {@link #tap}),
 * so the rewritten buckets are not read back for it, and kept between batches, so the buckets the
 * batch left as they were are read only once after a start.
 *
 * @param <T> the accumulator the write tasks feed
 */
public interface StateMetrics<T extends AccumulatorV2<InternalRow, ?>> {

    /** A new, empty accumulator for rows of {@code schema}; the sink registers it and feeds it every row it writes. */
    T tap(StructType schema);

    /**
     * The tables by name, written by the sink on the driver ({@link DriverParquetWriter}).
     *
     * @param written the tap, after the rewritten buckets were written
     * @param untouched the rows of the buckets this batch did not rewrite, if any: to call only
     *     when the metrics have no state of their own yet (listing the files costs a Spark job on a
     *     large table)
     */
    Tables tables(T written, Supplier<Optional<Dataset<Row>>> untouched, long batchId);

    /**
     * Batch {@code batchId}'s files, including the tables last returned by {@link #tables}, are
     * published: what was computed for it may be kept for the next batch (until then, it must not).
     */
    default void committed(long batchId) {}

    /**
     * A batch's tables: those published with its neighborhoods, and those too large to hold the
     * stream up, published just after them ({@link TrailingTables}).
     */
    record Tables(Map<String, DriverParquetWriter.Table> withBatch, Map<String, DriverParquetWriter.Table> trailing) {

        /** Every table, by name. */
        public Map<String, DriverParquetWriter.Table> all() {
            Map<String, DriverParquetWriter.Table> all = new java.util.LinkedHashMap<>(withBatch);
            all.putAll(trailing);
            return all;
        }
    }
}
