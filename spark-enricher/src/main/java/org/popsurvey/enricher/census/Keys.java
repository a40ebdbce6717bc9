package org.popsurvey.enricher.census;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.reference.ReferenceMeasure;
import org.popsurvey.enricher.reference.ReferenceMeasure.AgeBand;
import org.popsurvey.enricher.reference.ReferenceMeasure.CoverageType;
import org.popsurvey.enricher.reference.ReferenceProfile;

/** Registers every sum the metric tables need with one {@link Summation}, and remembers their keys. */
final class Keys {

    /** numerator / denominator, each summed over the rows where both are known. */
    record Fraction(String name, String unit, int numerator, int denominator, boolean proportion) {}

    /** The plain sums of {@code city_totals}, in order. */
    static final List<String> CITY_TOTAL_COLUMNS = List.of(
            NeighborhoodTable.POPULATION,
            ReferenceMeasure.CIVILIAN_NONINSTITUTIONALIZED_POPULATION,
            ReferenceProfile.UNINSURED,
            ReferenceMeasure.HOUSEHOLDS,
            ReferenceMeasure.HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME,
            ReferenceMeasure.HOUSEHOLDS_WITHOUT_SELF_EMPLOYMENT_INCOME,
            ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);

    final Map<String, Integer> citySums = new LinkedHashMap<>();
    final Map<String, Integer> otherSums = new LinkedHashMap<>();
    final List<Fraction> cityFractions = new ArrayList<>();
    final Map<AgeBand, Fraction> bandShares = new EnumMap<>(AgeBand.class);
    final Map<AgeBand, Fraction> bandUninsuredRates = new EnumMap<>(AgeBand.class);
    final Map<String, Fraction> coverageShares = new LinkedHashMap<>();
    final Fraction incomeOverHouseholds;
    final Fraction incomeOverPopulation;

    private final Summation sums;

    Keys(Summation sums) {
        this.sums = sums;
        for (String column : CITY_TOTAL_COLUMNS) {
            citySums.put(column, sums.add(column));
        }
        cityFractions.add(fraction(
                ReferenceProfile.UNINSURED_RATE,
                "proportion",
                ReferenceProfile.UNINSURED,
                ReferenceMeasure.CIVILIAN_NONINSTITUTIONALIZED_POPULATION,
                true));
        cityFractions.add(fraction(
                ReferenceProfile.SELF_EMPLOYMENT_RATE,
                "proportion",
                ReferenceMeasure.HOUSEHOLDS_WITH_SELF_EMPLOYMENT_INCOME,
                ReferenceMeasure.HOUSEHOLDS,
                true));
        incomeOverHouseholds = fraction(
                ReferenceProfile.MEAN_HOUSEHOLD_INCOME,
                "dollars per household",
                ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME,
                ReferenceMeasure.HOUSEHOLDS,
                false);
        incomeOverPopulation = fraction(
                NeighborhoodTable.PER_CAPITA_INCOME,
                "dollars per person",
                ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME,
                NeighborhoodTable.POPULATION,
                false);
        cityFractions.add(incomeOverHouseholds);
        cityFractions.add(incomeOverPopulation);

        for (AgeBand band : AgeBand.values()) {
            otherSums.put(band.populationColumn(), sums.add(band.populationColumn()));
            bandShares.put(
                    band,
                    fraction(
                            "share_" + band.suffix(),
                            "proportion",
                            band.populationColumn(),
                            ReferenceMeasure.CIVILIAN_NONINSTITUTIONALIZED_POPULATION,
                            true));
            bandUninsuredRates.put(
                    band,
                    fraction(
                            "uninsured_rate_" + band.suffix(),
                            "proportion",
                            band.uninsuredColumn(),
                            band.populationColumn(),
                            true));
            for (CoverageType type : CoverageType.values()) {
                if (type.publishedFor(band)) {
                    String column = type.column(band);
                    otherSums.put(column, sums.add(column));
                    coverageShares.put(
                            column, fraction("share_" + column, "proportion", column, band.populationColumn(), true));
                }
            }
        }
    }

    int sumKey(String column) {
        Integer key = citySums.containsKey(column) ? citySums.get(column) : otherSums.get(column);
        if (key == null) {
            throw new IllegalArgumentException("no city sum of " + column);
        }
        return key;
    }

    private Fraction fraction(String name, String unit, String numerator, String denominator, boolean proportion) {
        return new Fraction(name, unit, sums.add(numerator, denominator), sums.add(denominator, numerator), proportion);
    }
}
