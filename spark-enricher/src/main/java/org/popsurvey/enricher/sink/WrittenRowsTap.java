package org.popsurvey.enricher.sink;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.AccumulatorV2;

/**
 * Passes the rows a write task writes through unchanged, adding each to an accumulator. The write
 * runs as the job's result stage, where Spark applies each partition's accumulator update exactly
 * once, whatever the task retries.
 */
final class WrittenRowsTap implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

    private static final long serialVersionUID = 1L;

    private final AccumulatorV2<InternalRow, ?> tap;

    WrittenRowsTap(AccumulatorV2<InternalRow, ?> tap) {
        this.tap = tap;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        return new PeekingIterator<>(rows, tap::add);
    }
}
