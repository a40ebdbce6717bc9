package org.popsurvey.report.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.popsurvey.schemas.output.OutputTables;

/** How the report names and formats each metric of the output tables. */
public enum Metric {
    POPULATION("population", "Population", Kind.COUNT),
    CIVILIAN_NONINSTITUTIONALIZED_POPULATION(
            "civilian_noninstitutionalized_population", "Civilian noninstitutionalized population", Kind.COUNT),
    POP_UNDER_18("pop_under_18", "Population under 18", Kind.COUNT),
    POP_18_34("pop_18_34", "Population 18 to 34", Kind.COUNT),
    POP_35_64("pop_35_64", "Population 35 to 64", Kind.COUNT),
    POP_65_PLUS("pop_65_plus", "Population 65 and over", Kind.COUNT),
    HOUSEHOLDS("households", "Households", Kind.COUNT),
    HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME(
            "households_with_self_employment_income", "Households with self-employment income", Kind.COUNT),
    HOUSEHOLDS_WITHOUT_SELF_EMPLOYMENT_INCOME(
            "households_without_self_employment_income", "Households without self-employment income", Kind.COUNT),
    AGGREGATE_HOUSEHOLD_INCOME("aggregate_household_income", "Aggregate household income", Kind.DOLLARS),
    UNINSURED("uninsured", "People without health insurance", Kind.COUNT),
    MEAN_HOUSEHOLD_INCOME("mean_household_income", "Mean household income", Kind.DOLLARS),
    PER_CAPITA_INCOME("per_capita_income", "Per-capita income", Kind.DOLLARS),
    SELF_EMPLOYMENT_RATE("self_employment_rate", "Self-employment rate (households)", Kind.RATE),
    UNINSURED_RATE("uninsured_rate", "Uninsured rate", Kind.RATE);

    /** How a value is shown: whole numbers, whole dollars, or a percentage with one decimal. */
    public enum Kind {
        COUNT,
        DOLLARS,
        RATE
    }

    private final String column;
    private final String label;
    private final Kind kind;

    Metric(String column, String label, Kind kind) {
        this.column = column;
        this.label = label;
        this.kind = kind;
    }

    public String column() {
        return column;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Metric> of(String column) {
        return Arrays.stream(values()).filter(m -> m.column.equals(column)).findFirst();
    }

    /** The ranked metrics, each charted and ranked in the report. */
    public static List<Metric> ranked() {
        return OutputTables.RANKED_METRICS.stream()
                .map(c -> of(c).orElseThrow())
                .toList();
    }

    /** Every metric with reliability columns in neighborhoods/, in the contract's order. */
    public static List<Metric> neighborhoodMetrics() {
        return OutputTables.NEIGHBORHOOD_RELIABILITY_METRICS.stream()
                .map(c -> of(c).orElseThrow())
                .toList();
    }
}
