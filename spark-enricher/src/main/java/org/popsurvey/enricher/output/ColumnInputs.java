package org.popsurvey.enricher.output;

import java.sql.Timestamp;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.reference.ReferenceProfile;

/**
 * What a {@link OutputColumn.Computation} reads: one row's record and reference profile values,
 * through {@link Input}s resolved by name once (when the table is declared), so a computation looks
 * nothing up by name per row and never sees Spark's internal value types.
 */
public interface ColumnInputs {

    /** A column of the decoded record or of the reference profile, resolved to its position. */
    record Input(boolean fromRecord, int index, DataType type, String name) {

        /** The decoded record's column ({@link DecodedRecord#SCHEMA}). */
        public static Input record(String column) {
            return of(true, DecodedRecord.SCHEMA, column);
        }

        /** The reference profile's column ({@link ReferenceProfile#SCHEMA}): a measure or a derived value. */
        public static Input reference(String column) {
            return of(false, ReferenceProfile.SCHEMA, column);
        }

        private static Input of(boolean fromRecord, StructType schema, String column) {
            int index = schema.fieldIndex(column);
            return new Input(fromRecord, index, schema.fields()[index].dataType(), column);
        }
    }

    /** A long or double column's value as a double; null when unknown. */
    Double number(Input input);

    boolean isNull(Input input);

    /** Whether two string columns hold the same text; null when either is unknown. */
    Boolean sameText(Input a, Input b);

    /** The number of elements of an array column (0 when null). */
    int size(Input input);

    /** The micro-batch writing the row. */
    long batchId();

    /** When the micro-batch started (the same value on every row of the batch). */
    Timestamp processedAt();
}
