package org.popsurvey.datagen;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file parsed with commons-csv: the header and the data rows, as text cells. */
record CsvTable(List<String> header, List<List<String>> rows) {

    static CsvTable read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            List<List<String>> records = new ArrayList<>();
            for (CSVRecord record : parser) {
                records.add(record.toList());
            }
            return new CsvTable(records.get(0), records.subList(1, records.size()));
        }
    }

    /** The numeric value of a cell ("2558.0", "1411"). */
    static double number(String cell) {
        return Double.parseDouble(cell);
    }

    /** Integer value of an estimate cell, which is always whole ("2558.0" or "2558"). */
    static long whole(String cell) {
        double value = Double.parseDouble(cell);
        if (value != Math.rint(value)) {
            throw new AssertionError("Estimate is not a whole number: " + cell);
        }
        return (long) value;
    }

    /** A row that holds integers only, like the single-tract rows. */
    static boolean integerOnly(List<String> row) {
        return row.subList(2, row.size()).stream().noneMatch(cell -> cell.contains("."));
    }
}
