package org.popsurvey.enricher.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.popsurvey.enricher.reference.AcsCell.InvalidCellException;
import org.popsurvey.schemas.CsvDialect;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.SourceFile;

/**
 * Parses one data line of a reference file into what the profile needs from that file: the Id,
 * the neighborhood name, and the value and ACS status of every cell the output uses
 * ({@link ReferenceMeasure#from}), nothing else. The 134-column health table has 82 such cells; the
 * others are only counted (a row must have as many cells as the header), never converted.
 *
 * <p>A line that cannot be used is a {@link ReferenceDataException} naming the file, the line, the
 * Id and the column.
 */
final class ReferenceRowParser {

    /**
     * One parsed line. {@code cells} holds measure k's estimate at 2k and its MOE at 2k + 1, NaN
     * where the cell is an annotation (a parsed number is never NaN); {@code statuses} is null when
     * every cell is a number (nearly always), else the status of each cell, null when measured.
     */
    record Parsed(int id, String name, double[] cells, String[] statuses) {}

    private final SourceFile file;
    private final String location;
    private final List<String> headers;
    private final int[] positions;
    private final int idPosition;
    private final int namePosition;
    private final int columns;

    ReferenceRowParser(SourceFile file, String location) {
        this.file = file;
        this.location = location;
        this.headers = new ArrayList<>();
        for (ReferenceMeasure measure : ReferenceMeasure.from(file)) {
            headers.add(measure.estimateHeader());
            headers.add(measure.moeHeader());
        }
        this.positions =
                headers.stream().mapToInt(header -> position(file, header)).toArray();
        this.idPosition = position(file, ReferenceProfile.ID_HEADER);
        this.namePosition = position(file, ReferenceProfile.NEIGHBORHOOD_HEADER);
        this.columns = file.header().size();
    }

    Parsed parse(String line, long lineNumber) {
        List<String> cells;
        try {
            cells = CsvDialect.cells(line);
        } catch (IllegalArgumentException e) {
            throw new ReferenceDataException(where(lineNumber) + "row '" + start(line) + "': " + e.getMessage());
        }
        if (cells.size() != columns) {
            String row = cells.size() > idPosition
                    ? "row with Id '" + cells.get(idPosition) + "'"
                    : "row '" + start(line) + "'";
            throw new ReferenceDataException(where(lineNumber) + row + ": " + cells.size()
                    + " cells, but the header has " + columns + " columns");
        }
        String idText = cells.get(idPosition);
        String name = cells.get(namePosition).isEmpty() ? null : cells.get(namePosition);
        int id = parseId(idText);
        if (id <= 0) {
            throw new ReferenceDataException(
                    where(lineNumber) + "row of '" + name + "' (" + file.fileName() + "), column '"
                            + ReferenceProfile.ID_HEADER + "': '" + idText + "' is not a positive whole number");
        }
        double[] values = new double[positions.length];
        String[] statuses = null;
        for (int cell = 0; cell < values.length; cell++) {
            AcsCell parsed;
            try {
                String text = cells.get(positions[cell]);
                parsed = cell % 2 == 0 ? AcsCell.estimate(text) : AcsCell.marginOfError(text);
            } catch (InvalidCellException e) {
                throw new ReferenceDataException(where(lineNumber) + "row with Id " + id + ", column '"
                        + headers.get(cell) + "': " + e.getMessage());
            }
            values[cell] = parsed.value() == null ? Double.NaN : parsed.value();
            if (parsed.status() != MarginOfErrorStatus.MEASURED) {
                if (statuses == null) {
                    statuses = new String[values.length];
                }
                statuses[cell] = parsed.status().name();
            }
        }
        return new Parsed(id, name, values, statuses);
    }

    /** The start of an error message: built only when a line fails, not for every line read. */
    private String where(long lineNumber) {
        return "Reference file " + location + ", line " + lineNumber + ", ";
    }

    /** The Id, or 0 when it is not a positive whole number. */
    private static int parseId(String text) {
        try {
            int id = new BigDecimal(text.strip()).intValueExact();
            return Math.max(id, 0);
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }

    private static String start(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }

    private static int position(SourceFile file, String header) {
        int position = file.header().indexOf(header);
        if (position < 0) {
            throw new IllegalStateException(file.fileName() + " has no column " + header);
        }
        return position;
    }
}
