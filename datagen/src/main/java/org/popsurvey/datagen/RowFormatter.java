package org.popsurvey.datagen;

import java.util.List;
import org.popsurvey.schemas.SourceFile;

/** Turns a {@link Neighborhood} into the cells of its row in one of the four files. */
public interface RowFormatter {

    SourceFile file();

    /** The row's cells, as many as {@code file().header()} has, exactly as written. */
    List<String> cells(Neighborhood neighborhood);

    static RowFormatter of(SourceFile file) {
        return switch (file) {
            case TOTAL_POPULATION -> TotalPopulationRows.INSTANCE;
            case AGGREGATE_HOUSEHOLD_INCOME -> AggregateIncomeRows.INSTANCE;
            case HEALTH_INSURANCE_BY_AGE -> HealthCoverageRows.INSTANCE;
            case SELF_EMPLOYMENT_INCOME -> SelfEmploymentRows.INSTANCE;
        };
    }
}
