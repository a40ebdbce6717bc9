package org.popsurvey.datagen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.popsurvey.schemas.SourceFile;

/**
 * Writes the four CSVs for neighbourhoods 1..N into a directory in one streaming pass: each
 * neighbourhood is made once and written to all four files, so memory stays flat whatever N is.
 * Files are written as {@code NAME.partial} and renamed at the end, so a failed run never leaves
 * a truncated file under a real name.
 *
 * <p>Format as published: ASCII (an unmappable character is an error, not a '?'), no BOM, CRLF
 * after every line including the last, no quotes (no cell needs them).
 */
public final class DatasetWriter {

    static final String PARTIAL_SUFFIX = ".partial";
    static final String LINE_END = "\r\n";
    static final int BUFFER_CHARS = 1 << 20;
    static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setRecordSeparator(LINE_END).get();

    private final SyntheticNeighborhoods data;
    private final ProgressListener progress;

    public DatasetWriter(SyntheticNeighborhoods data, ProgressListener progress) {
        this.data = data;
        this.progress = progress;
    }

    /**
     * Writes the four files into {@code directory}, which must exist, replacing files of the same
     * names.
     *
     * @throws UncheckedIOException naming the file that could not be written, and why
     */
    public DatasetSummary write(Path directory) {
        long start = System.nanoTime();
        List<Target> targets = new ArrayList<>();
        try {
            for (SourceFile file : SourceFile.values()) {
                targets.add(Target.open(file, directory));
            }
            long count = data.count();
            for (long id = 1; id <= count; id++) {
                Neighborhood neighborhood = data.neighborhood(id);
                for (Target target : targets) {
                    target.print(neighborhood);
                }
                progress.rowsWritten(id, count);
            }
            List<DatasetSummary.FileSummary> files = new ArrayList<>();
            for (Target target : targets) {
                files.add(target.finish());
            }
            return new DatasetSummary(
                    directory, count, data.seed(), List.copyOf(files), Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            targets.forEach(Target::discard);
            throw e;
        }
    }

    /** Explains an I/O failure in words, with the path. */
    static String describe(Path path, IOException e) {
        return "Cannot write " + path.toAbsolutePath() + ": " + reason(e);
    }

    /** The cause in words: Java's own messages for these are often just the path again. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (or the file system does not allow creating it)";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** One output file while it is being written. */
    private static final class Target {

        private final SourceFile file;
        private final Path partial;
        private final Path destination;
        private final RowFormatter formatter;
        private final CSVPrinter printer;
        private long rows;
        private boolean closed;

        private Target(SourceFile file, Path partial, Path destination, CSVPrinter printer) {
            this.file = file;
            this.partial = partial;
            this.destination = destination;
            this.formatter = RowFormatter.of(file);
            this.printer = printer;
        }

        static Target open(SourceFile file, Path directory) {
            Path destination = directory.resolve(file.fileName());
            Path partial = directory.resolve(file.fileName() + PARTIAL_SUFFIX);
            try {
                BufferedWriter writer = new BufferedWriter(
                        new OutputStreamWriter(
                                Files.newOutputStream(partial),
                                StandardCharsets.US_ASCII
                                        .newEncoder()
                                        .onMalformedInput(CodingErrorAction.REPORT)
                                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                        BUFFER_CHARS);
                CSVPrinter printer = new CSVPrinter(writer, FORMAT);
                Target target = new Target(file, partial, destination, printer);
                printer.printRecord(file.header());
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(describe(partial, e), e);
            }
        }

        void print(Neighborhood neighborhood) {
            try {
                printer.printRecord(formatter.cells(neighborhood));
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException(describe(partial, e), e);
            }
        }

        DatasetSummary.FileSummary finish() {
            try {
                printer.close(true);
                closed = true;
                move(partial, destination);
                return new DatasetSummary.FileSummary(file, destination, rows, Files.size(destination));
            } catch (IOException e) {
                throw new UncheckedIOException(describe(destination, e), e);
            }
        }

        void discard() {
            try {
                if (!closed) {
                    printer.close();
                }
            } catch (IOException | RuntimeException e) {
                // Already failing; the partial file is removed below either way.
            }
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // Best effort: the name ends in .partial, so nobody mistakes it for a result.
            }
        }

        private static void move(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
