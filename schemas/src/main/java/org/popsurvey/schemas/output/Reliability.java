package org.popsurvey.schemas.output;

import java.util.List;

/**
 * How reliable an ACS estimate is, and whether two estimates differ: the contract shared by the
 * enricher (which writes the columns) and the report (which reads and draws them). Formulas and
 * sources: {@code ../shared/CENSUS-METHODS.md} (Census Bureau, "Understanding and Using ACS Data",
 * ch. 7; reliability thresholds as Esri's ACS reliability symbols).
 *
 * <p>Column naming: an estimate column {@code X} with its margin {@code X_moe} gets {@code X_cv}
 * (a fraction, 0.12 = 12%) and {@code X_reliability} ({@value #HIGH}, {@value #MEDIUM},
 * {@value #LOW}, or null when the CV cannot be computed). Long tables whose estimate column is
 * {@code estimate} or {@code value} with margin {@code moe} use {@value #CV} and {@value #RELIABILITY}.
 */
public final class Reliability {

    /** ACS margins are published at the 90% level: SE = MOE / 1.645; also the test's critical value. */
    public static final double Z90 = 1.645;
    /** CV at or below this: high reliability. */
    public static final double HIGH_MAX_CV = 0.12;
    /** CV at or below this (and above {@link #HIGH_MAX_CV}): medium; above: low. */
    public static final double MEDIUM_MAX_CV = 0.40;

    public static final String HIGH = "high";
    public static final String MEDIUM = "medium";
    public static final String LOW = "low";
    public static final List<String> CLASSES = List.of(HIGH, MEDIUM, LOW);

    public static final String MOE_SUFFIX = "_moe";
    public static final String CV_SUFFIX = "_cv";
    public static final String RELIABILITY_SUFFIX = "_reliability";
    /** The CV and class columns of a long table's {@code estimate}/{@code value} and {@code moe}. */
    public static final String CV = "cv";

    public static final String RELIABILITY = "reliability";

    private Reliability() {}

    public static String cvColumn(String estimateColumn) {
        return estimateColumn + CV_SUFFIX;
    }

    public static String reliabilityColumn(String estimateColumn) {
        return estimateColumn + RELIABILITY_SUFFIX;
    }

    /** {@code MOE / 1.645}; null when the margin is unknown. */
    public static Double standardError(Double moe) {
        return moe == null || !Double.isFinite(moe) || moe < 0 ? null : moe / Z90;
    }

    /**
     * {@code SE / |estimate|}; null when either is unknown or the estimate is 0 (the CV of a zero
     * estimate is undefined).
     */
    public static Double cv(Double estimate, Double moe) {
        Double se = standardError(moe);
        if (estimate == null || se == null || estimate == 0 || !Double.isFinite(estimate)) {
            return null;
        }
        return se / Math.abs(estimate);
    }

    /** {@value #HIGH} up to 12%, {@value #MEDIUM} up to 40%, {@value #LOW} above; null for an unknown CV. */
    public static String classify(Double cv) {
        if (cv == null || !Double.isFinite(cv)) {
            return null;
        }
        if (cv <= HIGH_MAX_CV) {
            return HIGH;
        }
        return cv <= MEDIUM_MAX_CV ? MEDIUM : LOW;
    }

    /** The Bureau's test statistic {@code |X1 - X2| / sqrt(SE1^2 + SE2^2)}; null when a margin is unknown. */
    public static Double zScore(double x1, Double moe1, double x2, Double moe2) {
        Double se1 = standardError(moe1);
        Double se2 = standardError(moe2);
        if (se1 == null || se2 == null) {
            return null;
        }
        double denominator = Math.sqrt(se1 * se1 + se2 * se2);
        if (denominator == 0) {
            // Two controlled values (no sampling error): they differ exactly when they are unequal.
            return x1 == x2 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(x1 - x2) / denominator;
    }

    /** Significantly different at the 90% level ({@code Z > 1.645}); null when a margin is unknown. */
    public static Boolean differ(double x1, Double moe1, double x2, Double moe2) {
        Double z = zScore(x1, moe1, x2, moe2);
        return z == null ? null : z > Z90;
    }
}
