package org.popsurvey.datagen;

import java.util.List;

/**
 * Writes estimates and margins in a row's number format: integers for a single-tract
 * neighbourhood ({@code 1411}, {@code 196}), Python floats otherwise ({@code 2558.0},
 * {@code 449.773276218}). The population, health and self-employment files share this.
 */
final class NeighborhoodCells {

    private NeighborhoodCells() {}

    static String estimate(Neighborhood neighborhood, long estimate) {
        return neighborhood.singleTract()
                ? CensusNumberFormat.integer(estimate)
                : CensusNumberFormat.floatEstimate(estimate);
    }

    static String margin(Neighborhood neighborhood, double margin) {
        return neighborhood.singleTract()
                ? CensusNumberFormat.integer(Math.round(margin))
                : CensusNumberFormat.pythonFloat(margin);
    }

    static void addMeasure(List<String> cells, Neighborhood neighborhood, Measure measure) {
        cells.add(estimate(neighborhood, measure.estimate()));
        cells.add(margin(neighborhood, measure.marginOfError()));
    }

    static void addKey(List<String> cells, Neighborhood neighborhood) {
        cells.add(neighborhood.name());
        cells.add(Long.toString(neighborhood.id()));
    }
}
