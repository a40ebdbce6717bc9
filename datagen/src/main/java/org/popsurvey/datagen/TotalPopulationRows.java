package org.popsurvey.datagen;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.schemas.SourceFile;

/** {@code Neighborhood,Id,Estimate; Total,Margin of Error; Total}. */
final class TotalPopulationRows implements RowFormatter {

    static final TotalPopulationRows INSTANCE = new TotalPopulationRows();

    @Override
    public SourceFile file() {
        return SourceFile.TOTAL_POPULATION;
    }

    @Override
    public List<String> cells(Neighborhood neighborhood) {
        List<String> cells = new ArrayList<>(4);
        NeighborhoodCells.addKey(cells, neighborhood);
        NeighborhoodCells.addMeasure(cells, neighborhood, neighborhood.population());
        return cells;
    }
}
