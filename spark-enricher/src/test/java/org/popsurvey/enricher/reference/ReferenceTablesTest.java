package org.popsurvey.enricher.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.testing.AcsData;
import org.popsurvey.enricher.testing.ReferenceFiles;
import org.popsurvey.schemas.SourceFile;

/** Loading the reference tables: real values, annotations, and the errors. */
class ReferenceTablesTest {

    private static final String HEALTH_TOTAL = "Estimate; Total:";

    @TempDir
    Path dir;

    @Test
    void realTablesGiveOneProfilePerNeighborhoodWithHandComputedValues() {
        Map<Integer, Row> profiles = byId(
                ReferenceTables.load(new Configuration(), AcsData.directory().toString()));
        assertThat(profiles).hasSize(91);

        Row alleghenyCenter = profiles.get(1);
        assertThat(alleghenyCenter.<String>getAs("reference_neighborhood")).isEqualTo("Allegheny Center");
        assertThat(alleghenyCenter.<Long>getAs("aggregate_household_income")).isEqualTo(39_947_000L);
        assertThat(alleghenyCenter.<Double>getAs("aggregate_household_income_moe"))
                .isEqualTo(6_437_773.0);
        assertThat(alleghenyCenter.<Long>getAs("households")).isEqualTo(870L);
        assertThat(alleghenyCenter.<Double>getAs("households_moe")).isEqualTo(93.0);
        assertThat(alleghenyCenter.<Long>getAs("pop_18_34")).isEqualTo(723L);
        assertThat(alleghenyCenter.<Double>getAs("pop_18_34_moe")).isEqualTo(140.0);
        // 39,947,000 / 870; MOE sqrt(6437773^2 + 45916.09^2 * 93^2) / 870 (MoeTest has the steps)
        assertThat(alleghenyCenter.<Double>getAs("mean_household_income")).isCloseTo(45916.0919540, within(1e-6));
        assertThat(alleghenyCenter.<Double>getAs("mean_household_income_moe")).isCloseTo(8879.598610794, within(1e-6));
        // 36 of 870 households; proportion MOE 0.0283931...
        assertThat(alleghenyCenter.<Double>getAs("self_employment_rate")).isCloseTo(36.0 / 870, within(1e-12));
        assertThat(alleghenyCenter.<Double>getAs("self_employment_rate_moe")).isCloseTo(0.028393149256, within(1e-10));
        // uninsured bands 62 + 69 + 31 + 0 = 162; MOE sqrt(73^2 + 46^2 + 28^2 + 10^2) = 91.26335...;
        // rate 162 / 1395; MOE sqrt(8329 - 0.116129^2 * 196^2) / 1395 = 0.0633544...
        assertThat(alleghenyCenter.<Long>getAs("uninsured")).isEqualTo(162L);
        assertThat(alleghenyCenter.<Double>getAs("uninsured_moe")).isCloseTo(91.263355187, within(1e-8));
        assertThat(alleghenyCenter.<Double>getAs("uninsured_rate")).isCloseTo(162.0 / 1395, within(1e-12));
        assertThat(alleghenyCenter.<Double>getAs("uninsured_rate_moe")).isCloseTo(0.063354430171, within(1e-10));
        assertThat(alleghenyCenter.getJavaMap(alleghenyCenter.fieldIndex("reference_annotations")))
                .isEmpty();
        assertThat(alleghenyCenter.getList(alleghenyCenter.fieldIndex("missing_reference_tables")))
                .isEmpty();

        Row squirrelHillSouth = profiles.get(78);
        // uninsured 54 + 459 + 389 + 27 = 929, MOE sqrt(59.08^2 + 218.25^2 + 208.85^2 + 54.44^2) = 312.58279
        assertThat(squirrelHillSouth.<Long>getAs("uninsured")).isEqualTo(929L);
        assertThat(squirrelHillSouth.<Double>getAs("uninsured_moe")).isCloseTo(312.582789034, within(1e-8));
        assertThat(squirrelHillSouth.<Double>getAs("uninsured_rate_moe")).isCloseTo(0.019886300038, within(1e-10));
        assertThat(squirrelHillSouth.<Double>getAs("mean_household_income")).isCloseTo(91511.066426293, within(1e-6));
        assertThat(squirrelHillSouth.<Double>getAs("mean_household_income_moe"))
                .isCloseTo(9072.258659093, within(1e-6));

        Row chateau = profiles.get(22);
        // '-' and '**' in the income file: kept, null, with their status.
        assertThat(chateau.<Long>getAs("aggregate_household_income")).isNull();
        assertThat(chateau.<Double>getAs("aggregate_household_income_moe")).isNull();
        assertThat(chateau.<String>getAs("aggregate_household_income_status")).isEqualTo("NO_SAMPLE");
        assertThat(chateau.<String>getAs("aggregate_household_income_moe_status"))
                .isEqualTo("NO_SAMPLE");
        assertThat(chateau.<Double>getAs("mean_household_income")).isNull();
        assertThat(chateau.<Double>getAs("mean_household_income_moe")).isNull();
        assertThat(chateau.getJavaMap(chateau.fieldIndex("reference_annotations")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "aggregate_household_income", "NO_SAMPLE", "aggregate_household_income_moe", "NO_SAMPLE"));
        // Four zero bands with MOE 10: only one counts; 0 of 3 people, MOE sqrt(10^2 - 0) / 3
        assertThat(chateau.<Long>getAs("uninsured")).isZero();
        assertThat(chateau.<Double>getAs("uninsured_moe")).isEqualTo(10.0);
        assertThat(chateau.<Double>getAs("uninsured_rate_moe")).isCloseTo(10.0 / 3, within(1e-12));
    }

    @Test
    void annotationsOfEveryKindAreKeptAsNullWithStatus() throws IOException {
        Path refs = new ReferenceFiles()
                .row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 1, "A", incomeEstimate(), "N", incomeMoe(), "N")
                .row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 2, "B", incomeEstimate(), "1000", incomeMoe(), "*****")
                .row(
                        SourceFile.HEALTH_INSURANCE_BY_AGE,
                        1,
                        "A",
                        HEALTH_TOTAL,
                        "(X)",
                        "Margin of Error; Under 18 years: - No health insurance coverage",
                        "***")
                .row(SourceFile.HEALTH_INSURANCE_BY_AGE, 2, "B")
                .row(
                        SourceFile.SELF_EMPLOYMENT_INCOME,
                        1,
                        "A",
                        "Estimate; Total:",
                        "40",
                        "Margin of Error; Total:",
                        "8")
                .row(
                        SourceFile.SELF_EMPLOYMENT_INCOME,
                        2,
                        "B",
                        "Estimate; Total:",
                        "10",
                        "Margin of Error; Total:",
                        "5")
                .writeTo(dir);
        Map<Integer, Row> profiles = byId(ReferenceTables.load(new Configuration(), refs.toString()));

        Row a = profiles.get(1);
        assertThat(a.<Long>getAs("aggregate_household_income")).isNull();
        assertThat(a.<String>getAs("aggregate_household_income_status")).isEqualTo("SUPPRESSED");
        assertThat(a.<Long>getAs("civilian_noninstitutionalized_population")).isNull();
        assertThat(a.<Double>getAs("uninsured_under_18_moe")).isNull();
        assertThat(a.<Double>getAs("uninsured_moe")).isNull();
        assertThat(a.<Double>getAs("uninsured_rate")).isNull();
        assertThat(a.getJavaMap(a.fieldIndex("reference_annotations")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "aggregate_household_income",
                        "SUPPRESSED",
                        "aggregate_household_income_moe",
                        "SUPPRESSED",
                        "civilian_noninstitutionalized_population",
                        "NOT_APPLICABLE",
                        "uninsured_under_18_moe",
                        "OPEN_ENDED_MEDIAN"));

        Row b = profiles.get(2);
        // A controlled MOE is 0: the mean's MOE is the households' part alone, 1000/10 * 5 / 10 = 50.
        assertThat(b.<Double>getAs("aggregate_household_income_moe")).isEqualTo(0.0);
        assertThat(b.<String>getAs("aggregate_household_income_moe_status")).isEqualTo("CONTROLLED");
        assertThat(b.<Double>getAs("mean_household_income")).isEqualTo(100.0);
        assertThat(b.<Double>getAs("mean_household_income_moe")).isCloseTo(50.0, within(1e-12));
    }

    @Test
    void anIdMissingFromOneTableIsKeptAndListed() {
        Path refs = new ReferenceFiles()
                .row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 7, "G")
                .row(SourceFile.HEALTH_INSURANCE_BY_AGE, 7, "G")
                .row(SourceFile.SELF_EMPLOYMENT_INCOME, 8, "H")
                .writeTo(dir);
        Map<Integer, Row> profiles = byId(ReferenceTables.load(new Configuration(), refs.toString()));
        assertThat(profiles.get(7).getList(profiles.get(7).fieldIndex("missing_reference_tables")))
                .containsExactly(SourceFile.SELF_EMPLOYMENT_INCOME.fileName());
        assertThat(profiles.get(7).<Long>getAs("households")).isNull();
        assertThat(profiles.get(8).getList(profiles.get(8).fieldIndex("missing_reference_tables")))
                .containsExactly(
                        SourceFile.AGGREGATE_HOUSEHOLD_INCOME.fileName(),
                        SourceFile.HEALTH_INSURANCE_BY_AGE.fileName());
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path refs = new ReferenceFiles().writeTo(dir);
        Files.delete(refs.resolve(SourceFile.SELF_EMPLOYMENT_INCOME.fileName()));
        assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("Reference file missing")
                .hasMessageContaining(SourceFile.SELF_EMPLOYMENT_INCOME.fileName());
    }

    @Test
    void aWrongColumnIsNamedWithTheFile() throws IOException {
        Path refs = new ReferenceFiles().writeTo(dir);
        Path income = refs.resolve(SourceFile.AGGREGATE_HOUSEHOLD_INCOME.fileName());
        Files.writeString(income, "Neighborhood,Id,Estimate,Margin of Error\r\n");
        assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining(income.getFileName().toString())
                .hasMessageContaining("column 3 '" + incomeEstimate() + "' is missing: column 3 is 'Estimate'");

        Path health = refs.resolve(SourceFile.HEALTH_INSURANCE_BY_AGE.fileName());
        Files.writeString(income, SourceFile.AGGREGATE_HOUSEHOLD_INCOME.headerLine() + "\r\n");
        List<String> header = SourceFile.HEALTH_INSURANCE_BY_AGE.header();
        Files.writeString(health, String.join(",", header.subList(0, header.size() - 1)) + "\n");
        assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                .hasMessageContaining(health.getFileName().toString())
                .hasMessageContaining("column 134 '" + header.get(133) + "' is missing");
    }

    @Test
    void aCorruptCellIsNamedWithFileIdAndColumn() {
        Path refs = new ReferenceFiles()
                .row(SourceFile.SELF_EMPLOYMENT_INCOME, 5, "E", "Margin of Error; Total:", "n/a")
                .writeTo(dir);
        assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining(SourceFile.SELF_EMPLOYMENT_INCOME.fileName())
                .hasMessageContaining(
                        ", line 2, row with Id 5, column 'Margin of Error; Total:': 'n/a' is neither a number");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsNamed() throws IOException {
        Path refs = new ReferenceFiles()
                .row(SourceFile.SELF_EMPLOYMENT_INCOME, 5, "E")
                .writeTo(dir);
        Path selfEmployment = refs.resolve(SourceFile.SELF_EMPLOYMENT_INCOME.fileName());
        Files.writeString(selfEmployment, Files.readString(selfEmployment) + "F,6,10,5\r\n");
        assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining(selfEmployment.getFileName().toString())
                .hasMessageContaining("row with Id '6': 4 cells, but the header has "
                        + SourceFile.SELF_EMPLOYMENT_INCOME.header().size() + " columns");
    }

    @Test
    void aQuotedNameMayHoldACommaAndAByteOrderMarkIsNoCell() throws IOException {
        Path refs = new ReferenceFiles()
                .row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 4, "\"Mount Oliver, Borough\"", incomeEstimate(), "5000")
                .row(SourceFile.HEALTH_INSURANCE_BY_AGE, 4, "Mount Oliver, Borough".replace(",", ""))
                .row(SourceFile.SELF_EMPLOYMENT_INCOME, 4, "\"Mount Oliver, Borough\"", "Estimate; Total:", "50")
                .writeTo(dir);
        Path income = refs.resolve(SourceFile.AGGREGATE_HOUSEHOLD_INCOME.fileName());
        Files.writeString(income, "\uFEFF" + Files.readString(income), java.nio.charset.StandardCharsets.UTF_8);
        Row profile =
                byId(ReferenceTables.load(new Configuration(), refs.toString())).get(4);
        assertThat(profile.<String>getAs("reference_neighborhood"))
                .isEqualTo("Mount Oliver, Borough | Mount Oliver Borough");
        assertThat(profile.<Long>getAs("aggregate_household_income")).isEqualTo(5000L);
        assertThat(profile.<Long>getAs("households")).isEqualTo(50L);
        assertThat(profile.<Double>getAs("mean_household_income")).isEqualTo(100.0);
    }

    @Test
    void aDuplicateIdIsAnError() {
        Path refs = new ReferenceFiles()
                .row(SourceFile.HEALTH_INSURANCE_BY_AGE, 3, "C")
                .row(SourceFile.HEALTH_INSURANCE_BY_AGE, 3, "C again")
                .writeTo(dir);
        assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining(SourceFile.HEALTH_INSURANCE_BY_AGE.fileName())
                .hasMessageContaining("Id 3 appears on lines 2 and 3; each neighborhood Id must appear once");
    }

    @Test
    void aFileWithOnlyItsHeaderIsAnErrorNamingTheFileAndTheLine() {
        Path refs = new ReferenceFiles()
                .row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 1, "A")
                .row(SourceFile.SELF_EMPLOYMENT_INCOME, 1, "A")
                .writeTo(dir);
        assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining(refs.resolve(SourceFile.HEALTH_INSURANCE_BY_AGE.fileName()) + ", line 2: "
                        + "no data rows, only the header");
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorNamingTheFileLineAndColumn() throws IOException {
        Path refs = oneRowEach(1).writeTo(dir);
        Path health = refs.resolve(SourceFile.HEALTH_INSURANCE_BY_AGE.fileName());
        byte[] text = Files.readAllBytes(health);
        // Line 3 (the second row): a Latin-1 é in the neighborhood's name, "Caf\xE9".
        byte[] row = "Caf\u00e9,2".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String rest =
                new String(text, java.nio.charset.StandardCharsets.US_ASCII).split("\r\n")[1].replaceFirst("^A,1", "");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(text);
        bytes.write(row);
        bytes.write(rest.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        bytes.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(health, bytes.toByteArray());
        assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining(health + ", line 3, column 1 'Neighborhood': byte 0xE9 at byte 4 of the line "
                        + "is not valid UTF-8");

        // The same name in UTF-8 is read as written.
        Files.write(
                health,
                Files.readString(health, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(byId(ReferenceTables.load(new Configuration(), refs.toString()))
                        .get(2)
                        .<String>getAs("reference_neighborhood"))
                .contains("Caf\u00e9");
    }

    @Test
    void numbersThatAreNotFiniteAreErrorsNamingTheFileLineAndColumn() {
        String healthTotalMoe = "Margin of Error; Total:";
        Map<String, ReferenceFiles> cases = Map.of(
                SourceFile.AGGREGATE_HOUSEHOLD_INCOME.fileName() + ", line 3, row with Id 9, column '" + incomeMoe()
                        + "': '1e400' is out of range",
                oneRowEach(1).row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 9, "I", incomeMoe(), "1e400"),
                SourceFile.HEALTH_INSURANCE_BY_AGE.fileName() + ", line 3, row with Id 9, column '" + HEALTH_TOTAL
                        + "': 'NaN' is not a finite number",
                oneRowEach(1).row(SourceFile.HEALTH_INSURANCE_BY_AGE, 9, "I", HEALTH_TOTAL, "NaN"),
                SourceFile.HEALTH_INSURANCE_BY_AGE.fileName() + ", line 3, row with Id 9, column '" + healthTotalMoe
                        + "': 'Infinity' is not a finite number",
                oneRowEach(1).row(SourceFile.HEALTH_INSURANCE_BY_AGE, 9, "I", healthTotalMoe, "Infinity"),
                SourceFile.SELF_EMPLOYMENT_INCOME.fileName() + ", line 3, row with Id 9, column 'Margin of Error; "
                        + "Total:': '1" + "0".repeat(39) + "... (401 characters)' is out of range",
                oneRowEach(1)
                        .row(
                                SourceFile.SELF_EMPLOYMENT_INCOME,
                                9,
                                "I",
                                "Margin of Error; Total:",
                                "1" + "0".repeat(400)),
                SourceFile.SELF_EMPLOYMENT_INCOME.fileName() + ", line 3, row with Id 9, column 'Estimate; Total:'"
                        + ": '1e400' is out of range",
                oneRowEach(1).row(SourceFile.SELF_EMPLOYMENT_INCOME, 9, "I", "Estimate; Total:", "1e400"));
        int n = 0;
        for (Map.Entry<String, ReferenceFiles> bad : cases.entrySet()) {
            Path refs = bad.getValue().writeTo(dir.resolve("case-" + n++));
            assertThatThrownBy(() -> ReferenceTables.load(new Configuration(), refs.toString()))
                    .isInstanceOf(ReferenceDataException.class)
                    .hasMessageContaining(refs.toString())
                    .hasMessageContaining(bad.getKey());
        }
    }

    @Test
    void aTableWithFarFewerIdsThanTheOthersIsAWarningNamingIt() {
        ReferenceFiles files = new ReferenceFiles();
        for (int id = 1; id <= 10; id++) {
            files.row(SourceFile.AGGREGATE_HOUSEHOLD_INCOME, id, "N" + id)
                    .row(SourceFile.SELF_EMPLOYMENT_INCOME, id, "N" + id);
        }
        for (int id = 1; id <= 4; id++) {
            files.row(SourceFile.HEALTH_INSURANCE_BY_AGE, id, "N" + id);
        }
        Path refs = files.writeTo(dir);
        Map<SourceFile, Map<Integer, ReferenceRowParser.Parsed>> rows = new java.util.LinkedHashMap<>();
        Map<SourceFile, org.apache.hadoop.fs.Path> paths = new java.util.LinkedHashMap<>();
        for (SourceFile file : SourceFile.REFERENCE_TABLES) {
            paths.put(
                    file,
                    new org.apache.hadoop.fs.Path(refs.resolve(file.fileName()).toString()));
            int count = file == SourceFile.HEALTH_INSURANCE_BY_AGE ? 4 : 10;
            Map<Integer, ReferenceRowParser.Parsed> byId = new java.util.HashMap<>();
            for (int id = 1; id <= count; id++) {
                byId.put(id, new ReferenceRowParser.Parsed(id, "N" + id, new double[0], null));
            }
            rows.put(file, byId);
        }
        assertThat(ReferenceTables.coverageWarnings(rows, paths))
                .singleElement()
                .asString()
                .contains(refs.resolve(SourceFile.HEALTH_INSURANCE_BY_AGE.fileName())
                        .toString())
                .contains("holds 4 neighborhood Id(s), the fullest table 10; 6 Id(s) will have no")
                .contains("first missing: [5, 6, 7, 8, 9]");
        rows.get(SourceFile.HEALTH_INSURANCE_BY_AGE)
                .put(5, new ReferenceRowParser.Parsed(5, "N5", new double[0], null));
        assertThat(ReferenceTables.coverageWarnings(rows, paths))
                .as("5 of 10 is not far fewer")
                .isEmpty();

        // Only a warning: the tables load, the missing rows flagged as usual.
        Map<Integer, Row> profiles = byId(ReferenceTables.load(new Configuration(), refs.toString()));
        assertThat(profiles).hasSize(10);
        assertThat(profiles.get(7).getList(profiles.get(7).fieldIndex("missing_reference_tables")))
                .containsExactly(SourceFile.HEALTH_INSURANCE_BY_AGE.fileName());
    }

    /** Each table with the rows of Ids 1..n (default cells). */
    private static ReferenceFiles oneRowEach(int n) {
        ReferenceFiles files = new ReferenceFiles();
        for (int id = 1; id <= n; id++) {
            for (SourceFile file : SourceFile.REFERENCE_TABLES) {
                files.row(file, id, "A");
            }
        }
        return files;
    }

    @Test
    void theProfilesSurviveSerializationAsTheBroadcastDoes() throws Exception {
        ReferenceProfiles loaded =
                ReferenceTables.load(new Configuration(), AcsData.directory().toString());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(loaded);
        }
        ReferenceProfiles copy;
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ReferenceProfiles) in.readObject();
        }
        assertThat(copy.ids()).containsExactly(loaded.ids());
        assertThat(byId(copy)).isEqualTo(byId(loaded));
        assertThat(copy.row(22).<String>getAs("aggregate_household_income_status"))
                .isEqualTo("NO_SAMPLE");
        assertThat(copy.slotOf(999)).isEqualTo(-1);
    }

    private static String incomeEstimate() {
        return SourceFile.AGGREGATE_HOUSEHOLD_INCOME.header().get(2);
    }

    private static String incomeMoe() {
        return SourceFile.AGGREGATE_HOUSEHOLD_INCOME.header().get(3);
    }

    private static Map<Integer, Row> byId(ReferenceProfiles profiles) {
        Map<Integer, Row> result = new java.util.TreeMap<>();
        for (int id : profiles.ids()) {
            result.put(id, profiles.row(id));
        }
        return result;
    }
}
