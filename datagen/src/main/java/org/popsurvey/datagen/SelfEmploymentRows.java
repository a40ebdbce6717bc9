package org.popsurvey.datagen;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.schemas.SourceFile;

/** Households: Total, With self-employment income, No self-employment income (Total = With + No). */
final class SelfEmploymentRows implements RowFormatter {

    static final SelfEmploymentRows INSTANCE = new SelfEmploymentRows();

    @Override
    public SourceFile file() {
        return SourceFile.SELF_EMPLOYMENT_INCOME;
    }

    @Override
    public List<String> cells(Neighborhood neighborhood) {
        List<String> cells = new ArrayList<>(8);
        NeighborhoodCells.addKey(cells, neighborhood);
        NeighborhoodCells.addMeasure(cells, neighborhood, neighborhood.households());
        NeighborhoodCells.addMeasure(cells, neighborhood, neighborhood.withSelfEmploymentIncome());
        NeighborhoodCells.addMeasure(cells, neighborhood, neighborhood.noSelfEmploymentIncome());
        return cells;
    }
}
