package org.popsurvey.enricher.reference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.popsurvey.schemas.SourceFile;

/**
 * One estimate of a reference table as it lands in the output: the output column (its MOE column
 * is {@code column + "_moe"}), the file, and the header label after {@code "Estimate; "} /
 * {@code "Margin of Error; "}.
 */
public record ReferenceMeasure(String column, SourceFile file, String label) implements Serializable {

    public static final String ESTIMATE_PREFIX = "Estimate; ";
    public static final String MOE_PREFIX = "Margin of Error; ";
    public static final String MOE_SUFFIX = "_moe";

    public static final String AGGREGATE_HOUSEHOLD_INCOME = "aggregate_household_income";
    public static final String HOUSEHOLDS = "households";
    public static final String HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME = "households_with_self_employment_income";
    public static final String HOUSEHOLDS_WITHOUT_SELF_EMPLOYMENT_INCOME = "households_without_self_employment_income";
    public static final String CIVILIAN_NONINSTITUTIONALIZED_POPULATION = "civilian_noninstitutionalized_population";

    /** Age bands of the health-insurance table: output suffix and header label. */
    public enum AgeBand {
        UNDER_18("under_18", "Under 18 years"),
        AGE_18_34("18_34", "18 to 34 years"),
        AGE_35_64("35_64", "35 to 64 years"),
        AGE_65_PLUS("65_plus", "65 years and over");

        private final String suffix;
        private final String label;

        AgeBand(String suffix, String label) {
            this.suffix = suffix;
            this.label = label;
        }

        public String suffix() {
            return suffix;
        }

        public String label() {
            return label;
        }

        /** {@code pop_under_18} and so on: the band's total. */
        public String populationColumn() {
            return "pop_" + suffix;
        }

        public String uninsuredColumn() {
            return "uninsured_" + suffix;
        }
    }

    /** Coverage types of the health-insurance table, per age band. */
    public enum CoverageType {
        ONE_TYPE("one_coverage_type", "With one type of health insurance coverage:"),
        EMPLOYER_BASED_ONLY("employer_based_only", ONE + "With employer-based health insurance only"),
        DIRECT_PURCHASE_ONLY("direct_purchase_only", ONE + "With direct-purchase health insurance only"),
        MEDICARE_ONLY("medicare_only", ONE + "With Medicare coverage only"),
        // The published table has no Medicaid-only column for 65 and over.
        MEDICAID_ONLY("medicaid_only", ONE + "With Medicaid/means-tested public coverage only"),
        TRICARE_ONLY("tricare_only", ONE + "With TRICARE/military health coverage only"),
        VA_ONLY("va_only", ONE + "With VA Health Care only"),
        // In the 65+ group this label has no trailing ':' (a quirk of the published header).
        TWO_OR_MORE_TYPES("two_or_more_coverage_types", "With two or more types of health insurance coverage:"),
        UNINSURED("uninsured", "No health insurance coverage");

        private final String prefix;
        private final String label;

        CoverageType(String prefix, String label) {
            this.prefix = prefix;
            this.label = label;
        }

        public String prefix() {
            return prefix;
        }

        public String column(AgeBand band) {
            return prefix + "_" + band.suffix();
        }

        public boolean publishedFor(AgeBand band) {
            return !(this == MEDICAID_ONLY && band == AgeBand.AGE_65_PLUS);
        }

        String label(AgeBand band) {
            String text = this == TWO_OR_MORE_TYPES && band == AgeBand.AGE_65_PLUS
                    ? label.substring(0, label.length() - 1)
                    : label;
            return band.label() + ": - " + text;
        }
    }

    private static final String ONE = "With one type of health insurance coverage: - ";

    /** Every estimate the enricher takes from the three reference tables, in output order. */
    public static final List<ReferenceMeasure> ALL = all();

    public String moeColumn() {
        return column + MOE_SUFFIX;
    }

    public String estimateHeader() {
        return ESTIMATE_PREFIX + label;
    }

    public String moeHeader() {
        return MOE_PREFIX + label;
    }

    /**
     * The measures read from {@code file}, in output order. A file's parsed row holds measure k's
     * estimate and MOE as cells {@code 2k} and {@code 2k + 1} ({@link ReferenceRowParser}).
     */
    public static List<ReferenceMeasure> from(SourceFile file) {
        return ALL.stream().filter(measure -> measure.file == file).toList();
    }

    public static ReferenceMeasure byColumn(String column) {
        return ALL.stream()
                .filter(m -> m.column.equals(column))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reference measure " + column));
    }

    private static List<ReferenceMeasure> all() {
        List<ReferenceMeasure> measures = new ArrayList<>();
        measures.add(new ReferenceMeasure(
                AGGREGATE_HOUSEHOLD_INCOME,
                SourceFile.AGGREGATE_HOUSEHOLD_INCOME,
                "Aggregate household income in the past 12 months (in 2015 Inflation-adjusted dollars)"));
        measures.add(new ReferenceMeasure(HOUSEHOLDS, SourceFile.SELF_EMPLOYMENT_INCOME, "Total:"));
        measures.add(new ReferenceMeasure(
                HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME,
                SourceFile.SELF_EMPLOYMENT_INCOME,
                "Total: - With self-employment income"));
        measures.add(new ReferenceMeasure(
                HOUSEHOLDS_WITHOUT_SELF_EMPLOYMENT_INCOME,
                SourceFile.SELF_EMPLOYMENT_INCOME,
                "Total: - No self-employment income"));
        measures.add(new ReferenceMeasure(
                CIVILIAN_NONINSTITUTIONALIZED_POPULATION, SourceFile.HEALTH_INSURANCE_BY_AGE, "Total:"));
        for (AgeBand band : AgeBand.values()) {
            measures.add(new ReferenceMeasure(
                    band.populationColumn(), SourceFile.HEALTH_INSURANCE_BY_AGE, band.label() + ":"));
        }
        for (AgeBand band : AgeBand.values()) {
            for (CoverageType type : CoverageType.values()) {
                if (type.publishedFor(band)) {
                    measures.add(new ReferenceMeasure(
                            type.column(band), SourceFile.HEALTH_INSURANCE_BY_AGE, type.label(band)));
                }
            }
        }
        return List.copyOf(measures);
    }
}
