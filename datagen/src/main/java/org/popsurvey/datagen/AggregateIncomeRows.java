package org.popsurvey.datagen;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.schemas.AcsAnnotation;
import org.popsurvey.schemas.SourceFile;

/**
 * Aggregate household income, in this file's own number format: estimates always plain integers
 * (never {@code .0}); MOEs integers for single-tract rows and Excel-style decimals otherwise;
 * {@code -} and {@code **} where the Census published no number.
 */
final class AggregateIncomeRows implements RowFormatter {

    static final AggregateIncomeRows INSTANCE = new AggregateIncomeRows();

    @Override
    public SourceFile file() {
        return SourceFile.AGGREGATE_HOUSEHOLD_INCOME;
    }

    @Override
    public List<String> cells(Neighborhood neighborhood) {
        AggregateIncome income = neighborhood.aggregateIncome();
        List<String> cells = new ArrayList<>(4);
        NeighborhoodCells.addKey(cells, neighborhood);
        if (income.suppressed()) {
            cells.add(AcsAnnotation.NO_ESTIMATE.symbol());
            cells.add(AcsAnnotation.NO_SAMPLE_MOE.symbol());
        } else {
            cells.add(CensusNumberFormat.integer(income.estimate()));
            cells.add(
                    neighborhood.singleTract()
                            ? CensusNumberFormat.integer(Math.round(income.marginOfError()))
                            : CensusNumberFormat.excelGeneral(income.marginOfError()));
        }
        return cells;
    }
}
