package org.popsurvey.enricher.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.reference.ReferenceMeasure;
import org.popsurvey.enricher.reference.ReferenceProfile;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.enricher.reference.ReferenceTables;
import org.popsurvey.enricher.testing.ReferenceFiles;
import org.popsurvey.enricher.testing.TestSpark;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.schemas.output.Reliability;

/** The rows built from the declared columns hold, column by column, what each declaration says. */
class NeighborhoodTableTest {

    private static final Timestamp PROCESSED_AT = Timestamp.valueOf("2026-12-02 03:10:04.5");
    private static final String INCOME_HEADER = ReferenceMeasure.byColumn(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME)
            .estimateHeader();

    @TempDir
    Path dir;

    @Test
    void everyDeclaredColumnIsInTheSchemaInOrderWithItsTypeAndNullability() {
        assertThat(NeighborhoodTable.SCHEMA.fieldNames())
                .containsExactly(NeighborhoodTable.COLUMNS.stream()
                        .map(OutputColumn::name)
                        .toArray(String[]::new));
        for (OutputColumn column : NeighborhoodTable.COLUMNS) {
            assertThat(NeighborhoodTable.SCHEMA.apply(column.name())).isEqualTo(column.field());
        }
        // A few fixed points of the published layout (README), so a reordered list fails here too.
        assertThat(NeighborhoodTable.SCHEMA.fieldNames()[0]).isEqualTo("neighborhood_id");
        assertThat(NeighborhoodTable.SCHEMA.fieldNames()[NeighborhoodTable.SCHEMA.size() - 1])
                .isEqualTo("processed_at");
        assertThat(NeighborhoodTable.SCHEMA.size()).isEqualTo(152);
    }

    @Test
    void theSummedEstimatesArePopulationUninsuredAndEveryReferenceMeasureEachWithItsMoeColumn() {
        List<String> summed =
                NeighborhoodTable.summed().stream().map(OutputColumn::name).toList();
        assertThat(summed).hasSize(2 + ReferenceMeasure.ALL.size()).contains("population", "uninsured");
        for (String estimate : summed) {
            assertThat(NeighborhoodTable.SCHEMA.apply(estimate).dataType()).isEqualTo(DataTypes.LongType);
            assertThat(NeighborhoodTable.SCHEMA.apply(estimate + "_moe").dataType())
                    .isEqualTo(DataTypes.DoubleType);
        }
        assertThat(NeighborhoodTable.column("aggregate_household_income").unit())
                .isEqualTo("dollars");
        assertThat(NeighborhoodTable.column("households_with_self_employment_income")
                        .unit())
                .isEqualTo("households");
        assertThat(NeighborhoodTable.column("pop_65_plus").unit()).isEqualTo("people");
        assertThat(NeighborhoodTable.column("per_capita_income").isSummed()).isFalse();
    }

    @Test
    void eachBuiltRowTakesEveryColumnFromWhereItsDeclarationSays() {
        SparkSession spark = TestSpark.session();
        Path refs = new ReferenceFiles()
                .row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 7, "Shadyside", INCOME_HEADER, "2500000")
                .row(SourceFile.SELF_EMPLOYMENT_INCOME, 7, "Shadyside")
                .row(SourceFile.HEALTH_INSURANCE_BY_AGE, 7, "Shadyside")
                .writeTo(dir.resolve("refs"));
        ReferenceProfiles profiles = ReferenceTables.load(new Configuration(), refs.toString());
        List<Row> records = List.of(record(7, "Shadyside", 1000L, 50.0, 3L), record(8, "Nowhere", null, null, 4L));

        List<Row> rows = EnrichedRows.enrich(
                        spark,
                        spark.createDataFrame(records, DecodedRecord.SCHEMA)
                                .queryExecution()
                                .toRdd()
                                .toJavaRDD(),
                        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(profiles),
                        5,
                        PROCESSED_AT)
                .collectAsList();

        Map<Integer, Row> byId = rows.stream().collect(Collectors.toMap(row -> row.getInt(0), Function.identity()));
        Row shadyside = byId.get(7);
        Row profile = profiles.row(7);
        for (OutputColumn column : NeighborhoodTable.COLUMNS) {
            int c = NeighborhoodTable.SCHEMA.fieldIndex(column.name());
            for (Row row : byId.values()) {
                if (!column.nullable()) {
                    assertThat(row.isNullAt(c))
                            .as(column.name() + " is declared not null")
                            .isFalse();
                }
            }
            switch (column.source()) {
                case RECORD ->
                    assertThat(shadyside.get(c))
                            .as(column.name())
                            .isEqualTo(records.get(0).get(DecodedRecord.SCHEMA.fieldIndex(column.from())));
                case REFERENCE ->
                    assertThat(shadyside.get(c))
                            .as(column.name())
                            .isEqualTo(profile.get(ReferenceProfile.SCHEMA.fieldIndex(column.from())));
                default -> {}
            }
        }
        assertThat(shadyside.<Double>getAs("per_capita_income")).isEqualTo(2500.0);
        assertThat(shadyside.<Double>getAs("per_capita_income_moe"))
                .isCloseTo(
                        Math.sqrt(10.0 * 10.0 + 2500.0 * 2500.0 * 50.0 * 50.0) / 1000,
                        org.assertj.core.api.Assertions.within(1e-9));
        assertThat(shadyside.<Boolean>getAs("has_reference_row")).isTrue();
        assertThat(shadyside.<Boolean>getAs("neighborhood_name_mismatch")).isFalse();
        assertThat(shadyside.<Long>getAs("enricher_batch_id")).isEqualTo(5L);
        assertThat(shadyside.<Timestamp>getAs("processed_at")).isEqualTo(PROCESSED_AT);
        assertThat(shadyside.<Double>getAs(Reliability.cvColumn("population")))
                .isCloseTo(50.0 / 1.645 / 1000, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(shadyside.<String>getAs(Reliability.reliabilityColumn("population")))
                .isEqualTo("high");

        Row nowhere = byId.get(8);
        assertThat(nowhere.<Boolean>getAs("has_reference_row")).isFalse();
        assertThat(nowhere.getList(nowhere.fieldIndex("missing_reference_tables")))
                .containsExactlyElementsOf(SourceFile.REFERENCE_TABLES.stream()
                        .map(SourceFile::fileName)
                        .toList());
        assertThat(nowhere.<Double>getAs("per_capita_income")).isNull();
        assertThat(nowhere.<Boolean>getAs("neighborhood_name_mismatch")).isNull();
        assertThat(nowhere.<Object>getAs("reference_annotations")).isNull();
        assertThat(nowhere.<Long>getAs("kafka_offset")).isEqualTo(4L);
    }

    /** A decoded record ({@link DecodedRecord#SCHEMA}). */
    private static Row record(int id, String name, Long population, Double moe, long offset) {
        return RowFactory.create(
                id,
                name,
                population,
                moe,
                "MEASURED",
                "total-population.csv",
                (long) id + 1,
                1,
                "run-1",
                Timestamp.valueOf("2026-12-02 03:00:00"),
                "population.clean",
                0,
                offset,
                Timestamp.valueOf("2026-12-02 03:00:01"),
                Integer.toString(id),
                1,
                null,
                null);
    }
}
