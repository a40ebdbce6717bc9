package org.popsurvey.datagen;

import java.util.Map;
import org.popsurvey.datagen.HealthCoverageLayout.CoverageKind;

/**
 * Typical shares for the health-insurance table, rounded from the published Pittsburgh file
 * (mean over its 91 rows). Each row draws its own shares around these, so neighbourhoods differ
 * and rare coverage types often come out zero, as in the real data.
 */
final class CoverageShares {

    /** Age bands in header order: Under 18, 18 to 34, 35 to 64, 65 and over. */
    static final int BANDS = 4;

    /** Share of the population in each age band. */
    static final double[] AGE_BAND = {0.17, 0.31, 0.37, 0.15};

    /** Per age band: share with one type, two or more types, and no coverage. */
    private static final Map<CoverageKind, double[]> GROUP = Map.of(
            CoverageKind.ONE_TYPE, new double[] {0.86, 0.78, 0.75, 0.25},
            CoverageKind.TWO_OR_MORE, new double[] {0.10, 0.06, 0.12, 0.745},
            CoverageKind.NONE, new double[] {0.04, 0.16, 0.13, 0.005});

    /** Per age band: share of a coverage type within its group, by header label. */
    private static final Map<String, double[]> TYPE = Map.ofEntries(
            Map.entry("With employer-based health insurance only", new double[] {0.44, 0.74, 0.75, 0.13}),
            Map.entry("With direct-purchase health insurance only", new double[] {0.06, 0.15, 0.09, 0.014}),
            Map.entry("With Medicare coverage only", new double[] {0.005, 0.0015, 0.022, 0.85}),
            Map.entry("With Medicaid/means-tested public coverage only", new double[] {0.49, 0.11, 0.127, 0.01}),
            Map.entry("With TRICARE/military health coverage only", new double[] {0.003, 0.004, 0.003, 0.0005}),
            Map.entry("With VA Health Care only", new double[] {0.0005, 0.0013, 0.01, 0.005}),
            Map.entry("With employer-based and direct-purchase coverage", new double[] {0.126, 0.49, 0.19, 0.0006}),
            Map.entry("With employer-based and Medicare coverage", new double[] {0.005, 0.002, 0.042, 0.243}),
            Map.entry("With direct-purchase and Medicare coverage", new double[] {0.002, 0.002, 0.043, 0.327}),
            Map.entry(
                    "With Medicare and Medicaid/means-tested public coverage", new double[] {0.10, 0.12, 0.27, 0.135}),
            Map.entry("Other private only combinations", new double[] {0.016, 0.048, 0.018, 0.0004}),
            Map.entry("Other public only combinations", new double[] {0.0005, 0.0045, 0.045, 0.023}),
            Map.entry("Other coverage combinations", new double[] {0.75, 0.335, 0.39, 0.27}));

    private CoverageShares() {}

    static double group(CoverageKind kind, int band) {
        return GROUP.get(kind)[band];
    }

    static double type(String label, int band) {
        double[] shares = TYPE.get(label);
        if (shares == null) {
            throw new IllegalStateException("No typical share for health coverage type: " + label);
        }
        return shares[band];
    }
}
