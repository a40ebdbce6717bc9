package org.popsurvey.enricher.moe;

/**
 * The Census Bureau's approximations for the 90% margin of error of a derived ACS estimate
 * ("Understanding and Using American Community Survey Data", 2018, chapter 8; the same formulas as
 * R tidycensus {@code moe_prop}, {@code moe_ratio}, {@code moe_product}; sums are in
 * {@link MoeSum}).
 *
 * <p>Null means unknown. Any unknown input, a zero denominator, or a result that is not a finite
 * number gives null: a derived margin is never silently 0 and never NaN.
 */
public final class Moe {

    private Moe() {}

    /** {@code num / denom}; null when either is unknown or the denominator is 0. */
    public static Double ratio(Double num, Double denom) {
        if (num == null || denom == null || denom == 0) {
            return null;
        }
        return finiteOrNull(num / denom);
    }

    /**
     * MOE of a ratio {@code R = X / Y} where X is not a subset of Y (a mean, a per-capita value):
     * {@code sqrt(MOE_X^2 + R^2 * MOE_Y^2) / Y}.
     */
    public static Double ratioMoe(Double num, Double denom, Double moeNum, Double moeDenom) {
        if (num == null || denom == null || moeNum == null || moeDenom == null || denom == 0) {
            return null;
        }
        double r = num / denom;
        return finiteOrNull(Math.sqrt(moeNum * moeNum + r * r * moeDenom * moeDenom) / Math.abs(denom));
    }

    /**
     * MOE of a proportion {@code p = X / Y} where X is a subset of Y:
     * {@code sqrt(MOE_X^2 - p^2 * MOE_Y^2) / Y}; when the radicand is negative the Bureau says to
     * use the ratio formula instead.
     */
    public static Double proportionMoe(Double num, Double denom, Double moeNum, Double moeDenom) {
        if (num == null || denom == null || moeNum == null || moeDenom == null || denom == 0) {
            return null;
        }
        double p = num / denom;
        double radicand = moeNum * moeNum - p * p * moeDenom * moeDenom;
        if (radicand < 0) {
            return ratioMoe(num, denom, moeNum, moeDenom);
        }
        return finiteOrNull(Math.sqrt(radicand) / Math.abs(denom));
    }

    /** MOE of a product {@code A * B}: {@code sqrt(A^2 * MOE_B^2 + B^2 * MOE_A^2)}. */
    public static Double productMoe(Double a, Double b, Double moeA, Double moeB) {
        if (a == null || b == null || moeA == null || moeB == null) {
            return null;
        }
        return finiteOrNull(Math.sqrt(a * a * moeB * moeB + b * b * moeA * moeA));
    }

    /** Sum of estimates: null when any is unknown (a partial sum would pass for the whole). */
    public static Long sum(Long... estimates) {
        long total = 0;
        for (Long estimate : estimates) {
            if (estimate == null) {
                return null;
            }
            total = Math.addExact(total, estimate);
        }
        return total;
    }

    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
