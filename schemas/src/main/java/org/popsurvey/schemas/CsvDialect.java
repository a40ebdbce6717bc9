package org.popsurvey.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV dialect of the four published files, and the one parser of it (commons-csv): RFC 4180
 * (commas, {@code "a, b"} quoting with {@code ""} inside), cells kept exactly as written, spaces
 * included. The producer streams whole files through {@link #FORMAT}; the enricher, which reads its
 * reference files line by line to name a bad byte by line and column, splits each line with
 * {@link #cells}.
 */
public final class CsvDialect {

    /** Empty lines are kept, so a record's position is its line in the file. */
    public static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private CsvDialect() {}

    /**
     * The cells of one line (no line break in it). An empty line is one empty cell, as a CSV
     * reader counts it; a quote that is not closed, or text after a closing quote, is an
     * {@link IllegalArgumentException} with commons-csv's reason.
     */
    public static List<String> cells(String line) {
        if (line.isEmpty()) {
            return List.of("");
        }
        try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IllegalArgumentException("a quoted cell is not closed on its line");
            }
            return records.get(0).toList();
        } catch (UncheckedIOException | IOException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
    }

    private static String reason(Exception e) {
        String message = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
        if (message != null && message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted cell is not closed";
        }
        return "not valid CSV: " + message;
    }
}
