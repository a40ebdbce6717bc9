package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.popsurvey.schemas.AcsAnnotation;
import org.popsurvey.schemas.SourceFile;

/** Names, headers, bytes and shape of the four written files (N=2000). */
class GeneratedFileFormatTest {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Map<SourceFile, Integer> PUBLISHED_COLUMNS = Map.of(
            SourceFile.TOTAL_POPULATION, 4,
            SourceFile.AGGREGATE_HOUSEHOLD_INCOME, 4,
            SourceFile.HEALTH_INSURANCE_BY_AGE, 134,
            SourceFile.SELF_EMPLOYMENT_INCOME, 8);

    @Test
    void writesExactlyTheFourPublishedFileNames() throws IOException {
        try (var files = Files.list(GeneratedData.directory())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "total-population.csv",
                            "aggregate-household-income-in-the-past-12-months-in-2015-inflation-adjusted-dollars.csv",
                            "types-of-health-insurance-coverage-by-age.csv",
                            "self-employment-income-in-the-past-12-months-for-households.csv");
        }
    }

    @ParameterizedTest
    @EnumSource(SourceFile.class)
    void headerIsThePublishedOne(SourceFile file) throws IOException {
        CsvTable table = GeneratedData.table(file);
        assertThat(table.header()).isEqualTo(file.header()).hasSize(PUBLISHED_COLUMNS.get(file));
        String text = Files.readString(GeneratedData.file(file), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(text).startsWith(file.headerLine() + "\r\n");
    }

    @ParameterizedTest
    @EnumSource(SourceFile.class)
    void everyLineIsAsciiCrlfTerminatedWithNoBomAndNoQuotes(SourceFile file) throws IOException {
        byte[] bytes = Files.readAllBytes(GeneratedData.file(file));
        assertThat(bytes.length).isGreaterThan(3);
        assertThat(bytes[0]).as("no BOM, starts with the header").isEqualTo((byte) 'N');
        int lines = 0;
        int firstBadByte = -1;
        for (int i = 0; i < bytes.length && firstBadByte < 0; i++) {
            byte b = bytes[i];
            boolean ok = b >= 0
                    && b <= 0x7e
                    && b != '"'
                    && (b != '\n' || bytes[i - 1] == '\r')
                    && (b != '\r' || bytes[i + 1] == '\n')
                    && (b >= ' ' || b == '\r' || b == '\n');
            if (!ok) {
                firstBadByte = i;
            }
            if (b == '\n') {
                lines++;
            }
        }
        assertThat(firstBadByte)
                .as("first byte that is not ASCII text, is a quote, or a bare CR/LF")
                .isEqualTo(-1);
        assertThat(bytes[bytes.length - 2]).isEqualTo((byte) '\r');
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        assertThat(lines).as("header + rows, no blank lines").isEqualTo(GeneratedData.COUNT + 1);
    }

    @ParameterizedTest
    @EnumSource(SourceFile.class)
    void everyRowHasTheHeadersCellCountAndNoEmptyOrPaddedCell(SourceFile file) {
        CsvTable table = GeneratedData.table(file);
        assertThat(table.rows()).hasSize((int) GeneratedData.COUNT);
        for (List<String> row : table.rows()) {
            assertThat(row).hasSize(PUBLISHED_COLUMNS.get(file));
            assertThat(row).allSatisfy(cell -> assertThat(cell).isNotEmpty().isEqualTo(cell.strip()));
        }
    }

    @ParameterizedTest
    @EnumSource(SourceFile.class)
    void idsRunOneToNInOrderAndNamesAreUniqueSortedAndTheSameInEveryFile(SourceFile file) {
        CsvTable table = GeneratedData.table(file);
        List<String> ids = table.rows().stream().map(row -> row.get(1)).collect(Collectors.toList());
        assertThat(ids)
                .isEqualTo(LongStream.rangeClosed(1, GeneratedData.COUNT)
                        .mapToObj(Long::toString)
                        .toList());

        List<String> names = table.rows().stream().map(row -> row.get(0)).toList();
        assertThat(names).doesNotHaveDuplicates();
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null); // String order is ASCII order for ASCII text
        assertThat(names).isEqualTo(sorted);
        assertThat(names)
                .isEqualTo(GeneratedData.table(SourceFile.TOTAL_POPULATION).rows().stream()
                        .map(row -> row.get(0))
                        .toList());
    }

    @ParameterizedTest
    @EnumSource(
            value = SourceFile.class,
            names = {"TOTAL_POPULATION", "HEALTH_INSURANCE_BY_AGE", "SELF_EMPLOYMENT_INCOME"})
    void rowsAreIntegerOnlyOrFloatOnlyAndAgreeAcrossFiles(SourceFile file) {
        List<List<String>> population =
                GeneratedData.table(SourceFile.TOTAL_POPULATION).rows();
        List<List<String>> rows = GeneratedData.table(file).rows();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            boolean integers = CsvTable.integerOnly(row);
            if (!integers) {
                assertThat(row.subList(2, row.size()).stream().filter(cell -> !cell.contains(".")))
                        .as("a float row has no integer cell: %s", row.get(0))
                        .isEmpty();
            }
            assertThat(integers)
                    .as("same number format as total-population for %s", row.get(0))
                    .isEqualTo(CsvTable.integerOnly(population.get(i)));
        }
    }

    @Test
    void numbersHaveNoExponentNoSignAndAtMostTwelveSignificantDigits() {
        List<String> bad = new ArrayList<>();
        for (SourceFile file : SourceFile.values()) {
            for (List<String> row : GeneratedData.table(file).rows()) {
                for (String cell : row.subList(2, row.size())) {
                    if (cell.equals(AcsAnnotation.NO_ESTIMATE.symbol())
                            || cell.equals(AcsAnnotation.NO_SAMPLE_MOE.symbol())) {
                        continue;
                    }
                    if (!PLAIN_NUMBER.matcher(cell).matches() || significantDigits(cell) > 12) {
                        bad.add(file.fileName() + ": " + cell);
                    }
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    /** Digits from the first non-zero one, ignoring the point and a trailing ".0". */
    private static int significantDigits(String number) {
        String digits = (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number).replace(".", "");
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        return digits.length() - first;
    }
}
