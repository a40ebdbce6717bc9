package org.popsurvey.enricher.census;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Metric rows are set by column name, in any order, and checked against their table's schema. */
class MetricRowTest {

    private static final Timestamp AT = Timestamp.valueOf("2026-12-02 03:10:04");

    @Test
    void aCityTotalsRowSetByNameInAnyOrderComesOutInTheSchemasOrder() {
        Row row = MetricRow.of(MetricSchemas.CITY_TOTALS)
                .set(MetricSchemas.COMPUTED_AT, AT)
                .set(MetricSchemas.NEIGHBORHOODS_EXCLUDED, 2L)
                .set(MetricSchemas.ESTIMATE, 309_327.0)
                .set(MetricSchemas.METRIC, "population")
                .set(MetricSchemas.MOE, 4_198.33)
                .set(MetricSchemas.UNIT, "people")
                .set(MetricSchemas.NEIGHBORHOODS_INCLUDED, 89L)
                .set(MetricSchemas.ENRICHER_BATCH_ID, 12L)
                .build();

        assertThat(row.size()).isEqualTo(MetricSchemas.CITY_TOTALS.size());
        assertThat(row.getString(0)).isEqualTo("population");
        assertThat(row.getString(1)).isEqualTo("people");
        assertThat(row.getDouble(2)).isEqualTo(309_327.0);
        assertThat(row.getDouble(3)).isEqualTo(4_198.33);
        assertThat(row.getLong(4)).isEqualTo(89L);
        assertThat(row.getLong(5)).isEqualTo(2L);
        assertThat(row.getLong(6)).isEqualTo(12L);
        assertThat(row.getTimestamp(7)).isEqualTo(AT);
    }

    @Test
    void aColumnLeftUnsetIsNamedInsteadOfShiftingTheOthers() {
        MetricRow row = MetricRow.of(MetricSchemas.CITY_TOTALS)
                .set(MetricSchemas.METRIC, "population")
                .set(MetricSchemas.UNIT, "people")
                .set(MetricSchemas.ESTIMATE, null)
                .set(MetricSchemas.NEIGHBORHOODS_INCLUDED, 0L)
                .set(MetricSchemas.NEIGHBORHOODS_EXCLUDED, 91L)
                .set(MetricSchemas.ENRICHER_BATCH_ID, 1L)
                .set(MetricSchemas.COMPUTED_AT, AT);

        assertThatThrownBy(row::build).isInstanceOf(IllegalStateException.class).hasMessage("columns not set: [moe]");
    }

    @Test
    void anUnknownColumnAWrongTypeOrANullInARequiredColumnIsRefused() {
        MetricRow row = MetricRow.of(MetricSchemas.POPULATION_BY_AGE_BAND);

        assertThatThrownBy(() -> row.set("populaton", 5L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no column populaton in ");
        assertThatThrownBy(() -> row.set(MetricSchemas.POPULATION, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column population (bigint) cannot hold Integer");
        assertThatThrownBy(() -> row.set(MetricSchemas.AGE_BAND, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column age_band (string not null) cannot hold null");
    }
}
