package org.popsurvey.enricher.sink;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * A batch's incoming table rows, given as the records they are computed from: {@code records} hold
 * at most one record per Id, in the sink's Id column, and {@code toRows} turns a write task's
 * records into rows of {@code rowSchema} with the same Ids.
 *
 * <p>Why records: they are what the sink shuffles, each to the write task of its bucket, which then
 * computes its rows itself. A neighborhood record is about 150 bytes; its enriched row has 122
 * columns and over a kilobyte, and shuffling it cost every row a projection to Spark's shuffle
 * format and its bytes written and read back (docs/benchmarks.md, "Ninth run").
 */
public record IncomingRows(
        Dataset<Row> records, StructType rowSchema, FlatMapFunction<Iterator<InternalRow>, InternalRow> toRows) {

    /** Rows that are already the table's: shuffled as they are. */
    public static IncomingRows of(Dataset<Row> rows) {
        return new IncomingRows(rows, rows.schema(), records -> records);
    }
}
