package org.popsurvey.datagen;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.schemas.SourceFile;

/** Neighborhood, Id, then the 66 estimate/margin pairs in {@link HealthCoverageLayout} column order. */
final class HealthCoverageRows implements RowFormatter {

    static final HealthCoverageRows INSTANCE = new HealthCoverageRows();

    @Override
    public SourceFile file() {
        return SourceFile.HEALTH_INSURANCE_BY_AGE;
    }

    @Override
    public List<String> cells(Neighborhood neighborhood) {
        HealthCoverage health = neighborhood.health();
        List<String> cells = new ArrayList<>(HealthCoverageLayout.LEADING_CELLS + 2 * health.columns());
        NeighborhoodCells.addKey(cells, neighborhood);
        for (int column = 0; column < health.columns(); column++) {
            cells.add(NeighborhoodCells.estimate(neighborhood, health.estimate(column)));
            cells.add(NeighborhoodCells.margin(neighborhood, health.marginOfError(column)));
        }
        return cells;
    }
}
