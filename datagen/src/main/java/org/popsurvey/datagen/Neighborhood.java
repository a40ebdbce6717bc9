package org.popsurvey.datagen;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the four tables say about one synthetic neighbourhood. The health and household
 * parts are made on first use (each from its own random stream, so the values do not depend on
 * what was asked first): the population row alone is cheap. Values are immutable; a race on first
 * use only computes the same value twice.
 */
public final class Neighborhood {

    private final long id;
    private final String name;
    private final int tracts;
    private final Measure population;
    private final Supplier<HealthCoverage> healthSource;
    private final Supplier<Households> householdSource;
    private HealthCoverage health;
    private Households households;

    Neighborhood(
            long id,
            String name,
            int tracts,
            Measure population,
            Supplier<HealthCoverage> healthSource,
            Supplier<Households> householdSource) {
        this.id = id;
        this.name = name;
        this.tracts = tracts;
        this.population = population;
        this.healthSource = healthSource;
        this.householdSource = householdSource;
    }

    /** The row index, 1..N, in name order. */
    public long id() {
        return id;
    }

    /** Unique, ASCII, no comma. */
    public String name() {
        return name;
    }

    /** Census tracts the neighbourhood spans; 1 means integer-only rows. */
    public int tracts() {
        return tracts;
    }

    /** Single-tract rows are written with integers only, the others with floats. */
    public boolean singleTract() {
        return tracts == 1;
    }

    /** Total population ({@code total-population.csv}). */
    public Measure population() {
        return population;
    }

    /** Civilian noninstitutionalized population by age and health insurance coverage. */
    public HealthCoverage health() {
        HealthCoverage value = health;
        if (value == null) {
            value = healthSource.get();
            health = value;
        }
        return value;
    }

    /** Households: "Total:" of the self-employment table. */
    public Measure households() {
        return householdPart().total();
    }

    /** Households with self-employment income. */
    public Measure withSelfEmploymentIncome() {
        return householdPart().withSelfEmployment();
    }

    /** Households without; with + without = {@link #households()} exactly. */
    public Measure noSelfEmploymentIncome() {
        return householdPart().noSelfEmployment();
    }

    /** Aggregate household income in dollars. */
    public AggregateIncome aggregateIncome() {
        return householdPart().income();
    }

    private Households householdPart() {
        Households value = households;
        if (value == null) {
            value = householdSource.get();
            households = value;
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Neighborhood that
                && id == that.id
                && tracts == that.tracts
                && name.equals(that.name)
                && population.equals(that.population)
                && health().equals(that.health())
                && householdPart().equals(that.householdPart());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, tracts, population);
    }

    @Override
    public String toString() {
        return "Neighborhood[id=" + id + ", name=" + name + ", tracts=" + tracts + ", population=" + population + "]";
    }
}
