package org.popsurvey.enricher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.popsurvey.enricher.testing.PlainParquet.doubleOrNull;
import static org.popsurvey.enricher.testing.PlainParquet.longOrNull;
import static org.popsurvey.enricher.testing.PlainParquet.stringOrNull;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.popsurvey.enricher.testing.AcsData;
import org.popsurvey.enricher.testing.CleanTopic;
import org.popsurvey.enricher.testing.EnricherProcess;
import org.popsurvey.enricher.testing.InProcessEnricher;
import org.popsurvey.enricher.testing.MiniHdfs;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.enricher.testing.TestSpark;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * The job end to end on real components: a real broker and registry (separate processes), real
 * HDFS (MiniDFSCluster) holding the reference files, the output and the checkpoint, real Spark.
 * Output is read with a plain Parquet reader over every file of each folder.
 */
class EnrichIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static MiniHdfs hdfs;
    private static SparkSession spark;
    private static String referenceDir;

    @BeforeAll
    static void start() throws Exception {
        Path data = AcsData.directory();
        hdfs = MiniHdfs.start();
        spark = TestSpark.session();
        referenceDir = hdfs.path("/reference");
        for (SourceFile file : SourceFile.REFERENCE_TABLES) {
            hdfs.fileSystem()
                    .copyFromLocalFile(
                            new org.apache.hadoop.fs.Path(
                                    data.resolve(file.fileName()).toString()),
                            new org.apache.hadoop.fs.Path(referenceDir, file.fileName()));
        }
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void aMissingReferenceFileFailsTheCommandNamingTheFileWithoutAStackTrace() throws Exception {
        String topic = "enrich-noref-" + UUID.randomUUID();
        STACK.createTopic(topic, 1);
        String incomplete = hdfs.path("/incomplete-reference");
        for (SourceFile file : List.of(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, SourceFile.HEALTH_INSURANCE_BY_AGE)) {
            hdfs.fileSystem()
                    .copyFromLocalFile(
                            new org.apache.hadoop.fs.Path(AcsData.file(file).toString()),
                            new org.apache.hadoop.fs.Path(incomplete, file.fileName()));
        }
        Path log = Files.createDirectories(Path.of("target", "enrich-it")).resolve("missing-reference.log");
        Files.deleteIfExists(log);
        try (EnricherProcess enrich = EnricherProcess.start(
                log,
                List.of(
                        "--bootstrap-servers",
                        STACK.bootstrapServers(),
                        "--schema-registry-url",
                        STACK.schemaRegistryUrl(),
                        "--topic",
                        topic,
                        "--reference-dir",
                        incomplete,
                        "--output",
                        hdfs.path("/noref-out"),
                        "--once"))) {
            assertThat(enrich.awaitExit(3, TimeUnit.MINUTES))
                    .as(enrich.logTail())
                    .isEqualTo(1);
        }
        String output = Files.readString(log);
        assertThat(output)
                .contains("Reference file missing: " + incomplete + "/"
                        + SourceFile.SELF_EMPLOYMENT_INCOME.fileName()
                        + " (the folder given with --reference-dir must hold "
                        + SourceFile.SELF_EMPLOYMENT_INCOME.fileName() + ")");
        assertThat(output).doesNotContain("\tat ");
    }

    @Test
    void realNeighborhoodsAndCityTotalsMatchTheCsvs() throws Exception {
        String topic = "enrich-real-" + UUID.randomUUID();
        STACK.createTopic(topic, 3);
        try (CleanTopic clean = new CleanTopic(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic)) {
            clean.sendAll(CleanTopic.realRecords(AcsData.file(SourceFile.TOTAL_POPULATION)));
        }
        String output = hdfs.path("/out-real");
        InProcessEnricher.runOnce(
                spark,
                STACK.bootstrapServers(),
                STACK.schemaRegistryUrl(),
                topic,
                referenceDir,
                output,
                hdfs.path("/checkpoint-real"));

        Map<Integer, Group> rows = byId(PlainParquet.readFolder(hdfs.conf(), output + "/neighborhoods"));
        assertThat(rows).hasSize(91);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(range(1, 91));
        assertThat(PlainParquet.parquetFiles(hdfs.conf(), output + "/neighborhoods"))
                .containsExactlyInAnyOrder(
                        "bucket-00000.snappy.parquet",
                        "bucket-00001.snappy.parquet",
                        "bucket-00002.snappy.parquet",
                        "bucket-00003.snappy.parquet");

        Group alleghenyCenter = rows.get(1);
        assertThat(alleghenyCenter.getString("neighborhood", 0)).isEqualTo("Allegheny Center");
        assertThat(alleghenyCenter.getLong("population", 0)).isEqualTo(1411L);
        assertThat(alleghenyCenter.getDouble("population_moe", 0)).isEqualTo(196.0);
        assertThat(alleghenyCenter.getString("population_moe_status", 0)).isEqualTo("MEASURED");
        assertThat(alleghenyCenter.getLong("aggregate_household_income", 0)).isEqualTo(39_947_000L);
        assertThat(alleghenyCenter.getLong("households", 0)).isEqualTo(870L);
        assertThat(alleghenyCenter.getLong("households_with_self_employment_income", 0))
                .isEqualTo(36L);
        assertThat(alleghenyCenter.getLong("pop_under_18", 0)).isEqualTo(181L);
        assertThat(alleghenyCenter.getDouble("pop_65_plus_moe", 0)).isEqualTo(47.0);
        assertThat(alleghenyCenter.getLong("uninsured", 0)).isEqualTo(162L);
        // 39,947,000 / 1,411 people; MOE sqrt(6437773^2 + 28311.13^2 * 196^2) / 1411 = 6023.5173
        assertThat(alleghenyCenter.getDouble("per_capita_income", 0)).isCloseTo(28311.126860383, within(1e-6));
        assertThat(alleghenyCenter.getDouble("per_capita_income_moe", 0)).isCloseTo(6023.517287195, within(1e-6));
        assertThat(alleghenyCenter.getDouble("mean_household_income", 0)).isCloseTo(45916.091954023, within(1e-6));
        assertThat(alleghenyCenter.getDouble("mean_household_income_moe", 0)).isCloseTo(8879.598610794, within(1e-6));
        assertThat(alleghenyCenter.getBoolean("has_reference_row", 0)).isTrue();
        assertThat(alleghenyCenter.getBoolean("neighborhood_name_mismatch", 0)).isFalse();
        assertThat(alleghenyCenter.getString("source_file", 0)).isEqualTo("total-population.csv");
        assertThat(alleghenyCenter.getLong("source_line", 0)).isEqualTo(2L);
        assertThat(alleghenyCenter.getString("kafka_topic", 0)).isEqualTo(topic);

        Group squirrelHillSouth = rows.get(78);
        assertThat(squirrelHillSouth.getLong("population", 0)).isEqualTo(16042L);
        assertThat(squirrelHillSouth.getDouble("population_moe", 0)).isEqualTo(889.712313054);
        assertThat(squirrelHillSouth.getDouble("per_capita_income", 0)).isCloseTo(41134.914599177, within(1e-6));
        assertThat(squirrelHillSouth.getDouble("per_capita_income_moe", 0)).isCloseTo(4270.300137955, within(1e-6));

        for (int id : List.of(22, 72)) { // Chateau and South Shore: income '-' with MOE '**'
            Group row = rows.get(id);
            assertThat(longOrNull(row, "aggregate_household_income")).isNull();
            assertThat(doubleOrNull(row, "aggregate_household_income_moe")).isNull();
            assertThat(row.getString("aggregate_household_income_status", 0)).isEqualTo("NO_SAMPLE");
            assertThat(doubleOrNull(row, "per_capita_income")).isNull();
            assertThat(doubleOrNull(row, "per_capita_income_moe")).isNull();
            assertThat(doubleOrNull(row, "mean_household_income")).isNull();
            assertThat(row.getLong("households", 0)).isPositive();
        }

        // Every direct column against the CSV cells, row by row.
        Map<Integer, CSVRecord> population = csv(SourceFile.TOTAL_POPULATION);
        Map<Integer, CSVRecord> selfEmployment = csv(SourceFile.SELF_EMPLOYMENT_INCOME);
        Map<Integer, CSVRecord> health = csv(SourceFile.HEALTH_INSURANCE_BY_AGE);
        for (int id : range(1, 91)) {
            Group row = rows.get(id);
            assertThat(row.getString("neighborhood", 0))
                    .isEqualTo(population.get(id).get("Neighborhood"));
            assertThat(row.getLong("population", 0))
                    .isEqualTo((long) Double.parseDouble(population.get(id).get(2)));
            assertThat(row.getLong("households", 0))
                    .isEqualTo((long) Double.parseDouble(selfEmployment.get(id).get(2)));
            assertThat(row.getDouble("households_moe", 0))
                    .isEqualTo(Double.parseDouble(selfEmployment.get(id).get(3)));
            assertThat(row.getLong("pop_35_64", 0))
                    .isEqualTo((long) Double.parseDouble(health.get(id).get("Estimate; 35 to 64 years:")));
            assertThat(row.getLong("civilian_noninstitutionalized_population", 0))
                    .isEqualTo((long) Double.parseDouble(health.get(id).get("Estimate; Total:")));
        }

        Map<String, Group> totals = PlainParquet.readFolder(hdfs.conf(), output + "/metrics/city_totals").stream()
                .collect(Collectors.toMap(g -> g.getString("metric", 0), Function.identity()));
        // Population: the 91 rows add up to 309,327; none is zero, so the MOE is the root of the
        // sum of all 91 squared MOEs = 4198.3333598 (summed independently from the CSV below).
        double squares = 0;
        for (CSVRecord row : population.values()) {
            squares += Math.pow(Double.parseDouble(row.get(3)), 2);
        }
        assertThat(totals.get("population").getDouble("estimate", 0)).isEqualTo(309_327.0);
        assertThat(totals.get("population").getDouble("moe", 0))
                .isCloseTo(Math.sqrt(squares), within(1e-6))
                .isCloseTo(4198.3333598, within(1e-6));
        assertThat(totals.get("population").getLong("neighborhoods_included", 0))
                .isEqualTo(91L);
        assertThat(totals.get("households").getDouble("estimate", 0)).isEqualTo(133_933.0);
        // With self-employment income: 10,256; ten neighborhoods are 0 with MOE 10 or 14.142;
        // only the largest zero MOE counts: sqrt(sum of non-zero squares + 14.1421356237^2) = 573.5704
        assertThat(totals.get("households_with_self_employment_income").getDouble("estimate", 0))
                .isEqualTo(10_256.0);
        assertThat(totals.get("households_with_self_employment_income").getDouble("moe", 0))
                .isCloseTo(573.5703967, within(1e-6));
        assertThat(totals.get("aggregate_household_income").getLong("neighborhoods_excluded", 0))
                .isEqualTo(2L);

        List<Group> income = PlainParquet.readFolder(hdfs.conf(), output + "/metrics/household_income");
        assertThat(income).hasSize(1);
        // Over the 89 neighborhoods with an income: 8,319,231,100 / 133,922 households = 62,119.97,
        // MOE sqrt(174300587.05^2 + 62119.97^2 * 1440.56^2) / 133922 = 1463.0188
        assertThat(income.get(0).getLong("neighborhoods_included", 0)).isEqualTo(89L);
        assertThat(income.get(0).getLong("aggregate_household_income", 0)).isEqualTo(8_319_231_100L);
        assertThat(income.get(0).getLong("households", 0)).isEqualTo(133_922L);
        assertThat(income.get(0).getDouble("mean_household_income", 0)).isCloseTo(62119.973566703, within(1e-6));
        assertThat(income.get(0).getDouble("mean_household_income_moe", 0)).isCloseTo(1463.018805045, within(1e-6));
        assertThat(List.of(
                        income.get(0)
                                .getGroup("excluded_neighborhoods", 0)
                                .getGroup(0, 0)
                                .getString(0, 0),
                        income.get(0)
                                .getGroup("excluded_neighborhoods", 0)
                                .getGroup(0, 1)
                                .getString(0, 0)))
                .containsExactly("Chateau", "South Shore");

        List<Group> bands = PlainParquet.readFolder(hdfs.conf(), output + "/metrics/population_by_age_band");
        long bandSum = bands.stream().mapToLong(b -> b.getLong("population", 0)).sum();
        long universe = health.values().stream()
                .mapToLong(r -> (long) Double.parseDouble(r.get(2)))
                .sum();
        assertThat(bands).hasSize(4);
        assertThat(bandSum).isEqualTo(universe);

        List<Group> rankings = PlainParquet.readFolder(hdfs.conf(), output + "/metrics/neighborhood_rankings");
        Group topPopulation = rankings.stream()
                .filter(g -> g.getString("metric", 0).equals("population") && g.getInteger("rank", 0) == 1)
                .findFirst()
                .orElseThrow();
        assertThat(topPopulation.getString("neighborhood", 0)).isEqualTo("Squirrel Hill South");
        assertThat(rankings.stream().filter(g -> g.getString("metric", 0).equals("mean_household_income")))
                .hasSize(89);
        for (String table : List.of(
                "city_totals",
                "population_by_age_band",
                "household_income",
                "coverage_by_type",
                "neighborhood_rankings")) {
            assertThat(PlainParquet.parquetFiles(hdfs.conf(), output + "/metrics/" + table))
                    .hasSize(1);
        }
    }

    @Test
    void olderSchemasMismatchesMissingReferencesPoisonPillsAndReplacements() throws Exception {
        String topic = "enrich-edge-" + UUID.randomUUID();
        STACK.createTopic(topic, 2);
        SchemaRegistryClient registry =
                SchemaRegistryClient.fromConfig(Map.of("schema.registry.url", STACK.schemaRegistryUrl()));
        registry.setCompatibility(topic + "-value", "BACKWARD");
        String output = hdfs.path("/out-edge");
        String checkpoint = hdfs.path("/checkpoint-edge");
        RecordMetadata poison;
        long startMicros = System.currentTimeMillis() * 1000;
        try (CleanTopic clean = new CleanTopic(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic)) {
            // Written first, with an older version of the contract that had one more field
            // (tract_count, between neighborhood and estimate): a reader that ignored the writer
            // schema would read the estimate from the wrong bytes.
            clean.send(olderVersion(1, "Allegheny Center", 4, 1411, 196.0), 1);
            clean.send(CleanTopic.record(5, "Arlington Hts", 272, 126.0, MarginOfErrorStatus.MEASURED, 6), 5);
            clean.send(CleanTopic.record(500, "Nowhere", 40, null, MarginOfErrorStatus.NO_SAMPLE, 7), 500);
            clean.send(CleanTopic.record(7, "Bedford Dwellings", 1202, null, MarginOfErrorStatus.CONTROLLED, 8), 7);
            poison = clean.sendRaw("9", "not avro at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(registry.latest(topic + "-value").version()).isEqualTo(2);
        InProcessEnricher.runOnce(
                spark, STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic, referenceDir, output, checkpoint);

        Map<Integer, Group> rows = byId(PlainParquet.readFolder(hdfs.conf(), output + "/neighborhoods"));
        assertThat(rows.keySet()).containsExactlyInAnyOrder(1, 5, 7, 500);
        Group old = rows.get(1);
        assertThat(old.getString("neighborhood", 0)).isEqualTo("Allegheny Center");
        assertThat(old.getLong("population", 0)).isEqualTo(1411L);
        assertThat(old.getDouble("population_moe", 0)).isEqualTo(196.0);
        assertThat(old.getInteger("schema_id", 0)).isNotEqualTo(rows.get(5).getInteger("schema_id", 0));
        // Lineage as the producer wrote it (timestamp-millis in Avro, INT64 microseconds in Parquet).
        assertThat(old.getString("producer_run_id", 0)).isEqualTo("older-run");
        assertThat(old.getLong("read_timestamp", 0)).isEqualTo(1_700_000_000_000_000L);
        assertThat(old.getLong("kafka_timestamp", 0)).isBetween(startMicros, System.currentTimeMillis() * 1000);

        assertThat(rows.get(5).getBoolean("neighborhood_name_mismatch", 0)).isTrue();
        assertThat(rows.get(5).getString("reference_neighborhood", 0)).isEqualTo("Arlington Heights");
        assertThat(rows.get(5).getLong("households", 0)).isEqualTo(144L);

        Group nowhere = rows.get(500);
        assertThat(nowhere.getBoolean("has_reference_row", 0)).isFalse();
        assertThat(nowhere.getFieldRepetitionCount("neighborhood_name_mismatch"))
                .isZero();
        assertThat(longOrNull(nowhere, "households")).isNull();
        assertThat(doubleOrNull(nowhere, "per_capita_income")).isNull();
        assertThat(doubleOrNull(nowhere, "population_moe")).isNull();
        assertThat(nowhere.getString("population_moe_status", 0)).isEqualTo("NO_SAMPLE");
        assertThat(nowhere.getGroup("missing_reference_tables", 0).getFieldRepetitionCount(0))
                .isEqualTo(3);

        // A controlled estimate has no sampling error: MOE 0, and derived MOEs use it.
        assertThat(rows.get(7).getDouble("population_moe", 0)).isEqualTo(0.0);
        assertThat(rows.get(7).getString("population_moe_status", 0)).isEqualTo("CONTROLLED");

        List<Group> rejected = PlainParquet.readFolder(hdfs.conf(), output + "/rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).getLong("kafka_offset", 0)).isEqualTo(poison.offset());
        assertThat(rejected.get(0).getInteger("kafka_partition", 0)).isEqualTo(poison.partition());
        assertThat(rejected.get(0).getString("decode_error", 0)).startsWith("NOT_CONFLUENT_FRAMED");
        assertThat(new String(rejected.get(0).getBinary("raw_value", 0).getBytes(), "UTF-8"))
                .isEqualTo("not avro at all");
        // One processing instant and batch id for the whole batch, enriched and rejected rows alike.
        long processedAt = rejected.get(0).getLong("processed_at", 0);
        assertThat(processedAt).isBetween(startMicros, System.currentTimeMillis() * 1000);
        assertThat(rows.values()).allSatisfy(row -> {
            assertThat(row.getLong("processed_at", 0)).isEqualTo(processedAt);
            assertThat(row.getLong("enricher_batch_id", 0))
                    .isEqualTo(rejected.get(0).getLong("enricher_batch_id", 0));
        });

        // Corrections arrive (as a DLQ replay would send them): the latest version replaces the row.
        // A later value for Id 5 whose body is cut short is rejected and does not supersede 310.
        RecordMetadata truncated;
        try (CleanTopic clean = new CleanTopic(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic)) {
            clean.send(CleanTopic.record(1, "Allegheny Center", 1500, 200.0, MarginOfErrorStatus.MEASURED, 2), 1);
            clean.send(CleanTopic.record(5, "Arlington Heights", 300, 120.0, MarginOfErrorStatus.MEASURED, 6), 5);
            clean.send(CleanTopic.record(5, "Arlington Heights", 310, 121.0, MarginOfErrorStatus.MEASURED, 6), 5);
            truncated = clean.sendTruncated(
                    CleanTopic.record(5, "Arlington Heights", 999, 1.0, MarginOfErrorStatus.MEASURED, 6), 5, 3);
        }
        InProcessEnricher.runOnce(
                spark, STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic, referenceDir, output, checkpoint);
        List<Group> after = PlainParquet.readFolder(hdfs.conf(), output + "/neighborhoods");
        assertThat(after).hasSize(4);
        rows = byId(after);
        assertThat(rows.get(1).getLong("population", 0)).isEqualTo(1500L);
        assertThat(rows.get(1).getDouble("per_capita_income", 0)).isCloseTo(39_947_000.0 / 1500, within(1e-9));
        assertThat(rows.get(5).getLong("population", 0)).isEqualTo(310L);
        assertThat(rows.get(5).getBoolean("neighborhood_name_mismatch", 0)).isFalse();
        assertThat(rows.get(500).getLong("population", 0)).isEqualTo(40L);
        List<Group> rejectedAfter = PlainParquet.readFolder(hdfs.conf(), output + "/rejected");
        assertThat(rejectedAfter).hasSize(2);
        Group cut = rejectedAfter.stream()
                .filter(g -> g.getLong("kafka_offset", 0) == truncated.offset()
                        && g.getInteger("kafka_partition", 0) == truncated.partition())
                .findFirst()
                .orElseThrow();
        assertThat(cut.getString("decode_error", 0)).startsWith("UNDECODABLE_AVRO");
        assertThat(cut.getString("kafka_key", 0)).isEqualTo("5");
        Group population = PlainParquet.readFolder(hdfs.conf(), output + "/metrics/city_totals").stream()
                .filter(g -> g.getString("metric", 0).equals("population"))
                .findFirst()
                .orElseThrow();
        assertThat(population.getDouble("estimate", 0)).isEqualTo(1500.0 + 310 + 1202 + 40);
        assertThat(population.getLong("neighborhoods_excluded", 0)).isZero();
        assertThat(doubleOrNull(population, "moe"))
                .as("unknown MOE of Nowhere makes the total's MOE unknown")
                .isNull();
        assertThat(stringOrNull(population, "unit")).isEqualTo("people");
    }

    /** PopulationRecord as an older contract version wrote it: an extra int field after neighborhood. */
    private static GenericRecord olderVersion(int id, String name, int tracts, long estimate, double moe) {
        Schema current = PopulationRecord.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
            if (field.name().equals("neighborhood")) {
                fields.add(
                        new Schema.Field("tract_count", Schema.create(Schema.Type.INT), "Tracts in the neighborhood"));
            }
        }
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        Schema lineageSchema = older.getField("lineage").schema();
        GenericRecord lineage = new GenericData.Record(lineageSchema);
        lineage.put("source_file", "total-population.csv");
        lineage.put("line_number", 2L);
        lineage.put("batch_number", 1);
        lineage.put("producer_run_id", "older-run");
        lineage.put("read_timestamp", 1_700_000_000_000L);
        GenericRecord record = new GenericData.Record(older);
        record.put("id", id);
        record.put("neighborhood", name);
        record.put("tract_count", tracts);
        record.put("estimate", estimate);
        record.put("margin_of_error", moe);
        record.put(
                "margin_of_error_status",
                new GenericData.EnumSymbol(
                        older.getField("margin_of_error_status").schema(), "MEASURED"));
        record.put("lineage", lineage);
        return record;
    }

    private static Map<Integer, Group> byId(List<Group> rows) {
        Map<Integer, Group> result = new HashMap<>();
        for (Group row : rows) {
            Group previous = result.put(row.getInteger("neighborhood_id", 0), row);
            assertThat(previous)
                    .as("neighborhood %s appears twice", row.getInteger("neighborhood_id", 0))
                    .isNull();
        }
        return result;
    }

    private static Map<Integer, CSVRecord> csv(SourceFile file) throws Exception {
        Map<Integer, CSVRecord> rows = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(AcsData.file(file))) {
            for (CSVRecord row : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(reader)) {
                rows.put(Integer.parseInt(row.get("Id")), row);
            }
        }
        return rows;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }
}
