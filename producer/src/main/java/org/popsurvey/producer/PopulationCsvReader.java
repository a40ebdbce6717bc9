package org.popsurvey.producer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.schemas.CsvDialect;
import org.popsurvey.schemas.SourceFile;

/**
 * Reads an RFC 4180 CSV file (quoted fields, CRLF or LF, an optional UTF-8 BOM) whose header must
 * be exactly the published header of {@link SourceFile#TOTAL_POPULATION}. Data lines are returned
 * with their cells untouched, whatever their count: judging them is the validator's job. Blank
 * lines are skipped and counted.
 */
public final class PopulationCsvReader implements Iterator<CsvLine>, AutoCloseable {

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private CsvLine next;
    private long blankLines;

    private PopulationCsvReader(Path file, CSVParser parser) {
        this.file = file;
        this.parser = parser;
        this.records = parser.iterator();
    }

    /** Opens the file and checks its header; every problem is a {@link CommandFailedException} naming the file. */
    public static PopulationCsvReader open(Path file) {
        if (Files.isDirectory(file)) {
            throw new CommandFailedException("Input is a directory, not a CSV file: " + file.toAbsolutePath());
        }
        Reader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("Input file not found: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new CommandFailedException("Cannot open input file " + file.toAbsolutePath() + ": " + e);
        }
        try {
            PopulationCsvReader csv = new PopulationCsvReader(file, CsvDialect.FORMAT.parse(skipBom(reader)));
            csv.checkHeader();
            return csv;
        } catch (IOException | UncheckedIOException e) {
            throw new CommandFailedException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /** Counts the data records of a file (a fast first pass, for progress as "batch n/N"). */
    public static long countRecords(Path file) {
        try (PopulationCsvReader csv = open(file)) {
            long count = 0;
            while (csv.hasNext()) {
                csv.next();
                count++;
            }
            return count;
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            // The parser's line count before fetching a record is the number of lines consumed so
            // far, so the record starts on the line after it.
            long startLine = parser.getCurrentLineNumber() + 1;
            boolean more;
            try {
                more = records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new CommandFailedException(
                        String.format("Cannot parse %s near line %d: %s", file, startLine, rootMessage(e)));
            }
            if (!more) {
                return false;
            }
            CSVRecord record = records.next();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                blankLines++;
                continue;
            }
            next = new CsvLine(startLine, record.toList());
        }
        return true;
    }

    @Override
    public CsvLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvLine line = next;
        next = null;
        return line;
    }

    /** Blank lines skipped so far. */
    public long blankLines() {
        return blankLines;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkHeader() {
        List<String> expected = SourceFile.TOTAL_POPULATION.header();
        if (!records.hasNext()) {
            throw new CommandFailedException("Input file " + file + " is empty: expected the header line "
                    + SourceFile.TOTAL_POPULATION.headerLine());
        }
        List<String> found = records.next().toList();
        if (found.equals(expected)) {
            return;
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), found.size()); i++) {
            String want = i < expected.size() ? "'" + expected.get(i) + "'" : "(none)";
            String got = i < found.size() ? "'" + found.get(i) + "'" : "(missing)";
            if (!want.equals(got)) {
                differences.add("column " + (i + 1) + ": expected " + want + ", found " + got);
            }
        }
        throw new CommandFailedException(String.format(
                "Wrong header in %s line 1: expected %d columns %s, found %d %s (%s). Is this %s?",
                file,
                expected.size(),
                expected,
                found.size(),
                found,
                String.join("; ", differences),
                SourceFile.TOTAL_POPULATION.fileName()));
    }

    private static Reader skipBom(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(new BufferedReader(reader), 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return root.getMessage();
    }
}
