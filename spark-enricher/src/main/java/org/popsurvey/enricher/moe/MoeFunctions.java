package org.popsurvey.enricher.moe;

import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/** The {@link Moe} formulas as Spark column functions, so SQL and Java share one implementation. */
public final class MoeFunctions {

    /** {@code ratio(num, denom)}: null on unknown input or a zero denominator. */
    public static final UserDefinedFunction RATIO =
            functions.udf((UDF2<Double, Double, Double>) Moe::ratio, DataTypes.DoubleType);

    /** {@code ratio_moe(num, denom, moe_num, moe_denom)}. */
    public static final UserDefinedFunction RATIO_MOE =
            functions.udf((UDF4<Double, Double, Double, Double, Double>) Moe::ratioMoe, DataTypes.DoubleType);

    /** {@code proportion_moe(num, denom, moe_num, moe_denom)}, with the ratio fallback. */
    public static final UserDefinedFunction PROPORTION_MOE =
            functions.udf((UDF4<Double, Double, Double, Double, Double>) Moe::proportionMoe, DataTypes.DoubleType);

    private MoeFunctions() {
    }
}
