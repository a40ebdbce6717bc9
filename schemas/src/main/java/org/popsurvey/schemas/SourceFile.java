package org.popsurvey.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The four published ACS 2015 files: their exact names and header rows. The headers are kept as
 * resources beside this class, byte for byte as published, because the health-insurance header
 * alone is 134 columns and its quirks (a missing ':' in the 65+ group) must not be retyped.
 */
public enum SourceFile {
    TOTAL_POPULATION("total-population.csv"),
    AGGREGATE_HOUSEHOLD_INCOME(
            "aggregate-household-income-in-the-past-12-months-in-2015-inflation-adjusted-dollars.csv"),
    HEALTH_INSURANCE_BY_AGE("types-of-health-insurance-coverage-by-age.csv"),
    SELF_EMPLOYMENT_INCOME("self-employment-income-in-the-past-12-months-for-households.csv");

    /** The reference tables the enricher joins, in the order it reads them. */
    public static final List<SourceFile> REFERENCE_TABLES =
            List.of(AGGREGATE_HOUSEHOLD_INCOME, HEALTH_INSURANCE_BY_AGE, SELF_EMPLOYMENT_INCOME);

    private final String fileName;
    private final List<String> header;

    SourceFile(String fileName) {
        this.fileName = fileName;
        this.header = List.of(readHeaderResource(fileName).split(",", -1));
    }

    /** The published file name, which is also the name the pipeline looks for. */
    public String fileName() {
        return fileName;
    }

    /** The header cells, in order. No cell contains a comma. */
    public List<String> header() {
        return header;
    }

    /** The header line as published, without its line terminator. */
    public String headerLine() {
        return String.join(",", header);
    }

    private static String readHeaderResource(String fileName) {
        String resource = "csv/" + fileName.replace(".csv", ".header");
        try (InputStream in = SourceFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing header resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
