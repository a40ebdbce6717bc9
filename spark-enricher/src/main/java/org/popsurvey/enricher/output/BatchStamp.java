package org.popsurvey.enricher.output;

import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The batch id and processing time stamped on output rows, as zero-argument functions rather than
 * literals: Spark inlines a literal into generated code, so a new batch id (or
 * {@code current_timestamp()}, which is folded to a literal) would make every micro-batch compile
 * its wide projections again; a function's value is passed by reference and the code is reused.
 */
public final class BatchStamp {

    private BatchStamp() {}

    public static Column batchId(long batchId) {
        return constant((UDF0<Long>) () -> batchId, DataTypes.LongType);
    }

    public static Column timestamp(Timestamp value) {
        return constant((UDF0<Timestamp>) () -> value, DataTypes.TimestampType);
    }

    private static Column constant(UDF0<?> value, org.apache.spark.sql.types.DataType type) {
        UserDefinedFunction function = functions.udf(value, type).asNonNullable();
        return function.apply();
    }
}
