package org.popsurvey.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.CommandFailedException;

class PopulationCsvReaderTest {

    private static final String HEADER = "Neighborhood,Id,Estimate; Total,Margin of Error; Total";

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("total-population.csv");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static List<CsvLine> readAll(PopulationCsvReader reader) {
        List<CsvLine> lines = new ArrayList<>();
        reader.forEachRemaining(lines::add);
        return lines;
    }

    @Test
    void readsCrlfRowsWithExactCellTextAndLineNumbers() throws IOException {
        Path file = write(HEADER + "\r\nAllegheny Center,1,1411,196\r\nAllentown,3,2558.0,449.773276218\r\n");
        try (PopulationCsvReader reader = PopulationCsvReader.open(file)) {
            assertThat(readAll(reader))
                    .containsExactly(
                            new CsvLine(2, List.of("Allegheny Center", "1", "1411", "196")),
                            new CsvLine(3, List.of("Allentown", "3", "2558.0", "449.773276218")));
        }
    }

    @Test
    void stripsBomAndHandlesQuotedFieldsSpanningLines() throws IOException {
        Path file = write("\uFEFF" + HEADER + "\n\"Point, Breeze\",64,\"5,315\",\"a\nb\"\nHays,38,362,152\n");
        try (PopulationCsvReader reader = PopulationCsvReader.open(file)) {
            List<CsvLine> lines = readAll(reader);
            assertThat(lines)
                    .containsExactly(
                            new CsvLine(2, List.of("Point, Breeze", "64", "5,315", "a\nb")),
                            new CsvLine(4, List.of("Hays", "38", "362", "152")));
        }
    }

    @Test
    void keepsLinesWithTheWrongCellCountAndCountsBlankLines() throws IOException {
        Path file = write(HEADER + "\n\nShort,5\nLong,6,1,2,extra,more\n\n");
        try (PopulationCsvReader reader = PopulationCsvReader.open(file)) {
            assertThat(readAll(reader))
                    .containsExactly(
                            new CsvLine(3, List.of("Short", "5")),
                            new CsvLine(4, List.of("Long", "6", "1", "2", "extra", "more")));
            assertThat(reader.blankLines()).isEqualTo(2);
        }
    }

    @Test
    void countRecordsMatchesWhatIsRead() throws IOException {
        Path file = write(HEADER + "\na,1,2,3\n\nb,2,3,4\nc,3,4,5");
        assertThat(PopulationCsvReader.countRecords(file)).isEqualTo(3);
    }

    @Test
    void wrongHeaderListsExpectedAndFoundColumns() throws IOException {
        Path file = write("Neighborhood,Id,Population,MOE\na,1,2,3\n");
        assertThatThrownBy(() -> PopulationCsvReader.open(file))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 1")
                .hasMessageContaining("column 3: expected 'Estimate; Total', found 'Population'")
                .hasMessageContaining("column 4: expected 'Margin of Error; Total', found 'MOE'");
    }

    @Test
    void missingFileAndEmptyFileAreNamed() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> PopulationCsvReader.open(missing))
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("Input file not found: " + missing.toAbsolutePath());
        Path empty = write("");
        assertThatThrownBy(() -> PopulationCsvReader.open(empty))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void unterminatedQuoteNamesTheLine() throws IOException {
        Path file = write(HEADER + "\na,1,2,3\n\"broken,2,3,4\n");
        try (PopulationCsvReader reader = PopulationCsvReader.open(file)) {
            assertThat(reader.next().lineNumber()).isEqualTo(2);
            assertThatThrownBy(reader::hasNext)
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("near line 3");
        }
    }
}
