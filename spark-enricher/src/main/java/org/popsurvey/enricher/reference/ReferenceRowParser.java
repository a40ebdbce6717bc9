package org.popsurvey.enricher.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.popsurvey.enricher.reference.AcsCell.InvalidCellException;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.SourceFile;

/**
 * Parses one line of a reference file into what the profile needs from that file: the Id as the
 * int join key, the neighborhood name, and the value and ACS status of every cell the output uses
 * ({@link ReferenceMeasure#from}), nothing else. The 134-column health table has 82 such cells; the
 * others are only counted (a row must have as many cells as the header), never converted.
 *
 * <p>The files are read as plain lines ({@code spark.read().text}) and split here
 * ({@link CsvLine}): Spark's CSV reader would turn all 134 cells of every row into typed values of
 * a 134-column schema first, the largest cost of loading the tables. The header line (checked on
 * the driver before) and empty lines are skipped.
 *
 * <p>Output: {@link #SCHEMA}, one row per data line. A row that cannot be used is reported in
 * {@link #LOAD_ERROR} (checked on the driver) with everything else null: an exception thrown in a
 * task reaches the driver as text inside Spark's own error, which is no message for a person.
 */
public final class ReferenceRowParser implements FlatMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final String BOM = "\uFEFF";

    public static final String NAME = "name";
    /** Measure k's estimate at 2k and MOE at 2k + 1; null when the cell is an annotation. */
    public static final String VALUES = "values";
    /** Null when every cell is a number (nearly always); else the status of each cell, null when measured. */
    public static final String STATUSES = "statuses";
    public static final String CELLS = "cells";
    public static final String LOAD_ERROR = "_load_error";

    /** {@code neighborhood_id, cells: struct<name, values, statuses>, _load_error}. */
    public static final StructType SCHEMA = new StructType()
            .add(ReferenceProfile.NEIGHBORHOOD_ID, DataTypes.IntegerType, true)
            .add(CELLS, new StructType()
                    .add(NAME, DataTypes.StringType, true)
                    .add(VALUES, DataTypes.createArrayType(DataTypes.DoubleType, true), false)
                    .add(STATUSES, DataTypes.createArrayType(DataTypes.StringType, true), true), true)
            .add(LOAD_ERROR, DataTypes.StringType, true);

    private final SourceFile file;
    private final String location;
    private final List<String> headers;
    private final int[] positions;
    private final int idPosition;
    private final int namePosition;

    public ReferenceRowParser(SourceFile file, String location) {
        this.file = file;
        this.location = location;
        this.headers = new ArrayList<>();
        for (ReferenceMeasure measure : ReferenceMeasure.from(file)) {
            headers.add(measure.estimateHeader());
            headers.add(measure.moeHeader());
        }
        this.positions = headers.stream().mapToInt(header -> position(file, header)).toArray();
        this.idPosition = position(file, ReferenceProfile.ID_HEADER);
        this.namePosition = position(file, ReferenceProfile.NEIGHBORHOOD_HEADER);
    }

    @Override
    public Iterator<Row> call(Row line) {
        String text = line.getString(0);
        if (text.isEmpty()) {
            return Collections.emptyIterator();
        }
        List<String> cells;
        try {
            cells = CsvLine.split(text);
        } catch (IllegalArgumentException e) {
            return List.of(failed("Reference file " + location + ", row '" + start(text) + "': " + e.getMessage()))
                    .iterator();
        }
        if (isHeader(cells)) {
            return Collections.emptyIterator();
        }
        return List.of(parse(text, cells)).iterator();
    }

    /** The header as {@code checkHeader} accepted it: the published names, spaces and a BOM aside. */
    private boolean isHeader(List<String> cells) {
        List<String> header = file.header();
        if (cells.size() != header.size()) {
            return false;
        }
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).replace(BOM, "").strip().equals(header.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Row parse(String line, List<String> cells) {
        if (cells.size() != file.header().size()) {
            String row = cells.size() > idPosition ? "row with Id '" + cells.get(idPosition) + "'" : "row '" + start(line) + "'";
            return failed("Reference file " + location + ", " + row + ": " + cells.size() + " cells, but the header has "
                    + file.header().size() + " columns");
        }
        String idText = cells.get(idPosition);
        String name = cells.get(namePosition).isEmpty() ? null : cells.get(namePosition);
        Integer id = parseId(idText);
        if (id == null) {
            return failed("Reference file " + location + " (" + file.fileName() + "), row of '" + name + "', column '"
                    + ReferenceProfile.ID_HEADER + "': '" + idText + "' is not a positive whole number");
        }
        Double[] values = new Double[positions.length];
        String[] statuses = null;
        for (int cell = 0; cell < values.length; cell++) {
            String text = cells.get(positions[cell]);
            AcsCell parsed;
            try {
                parsed = cell % 2 == 0 ? AcsCell.estimate(text) : AcsCell.marginOfError(text);
            } catch (InvalidCellException e) {
                return failed("Reference file " + location + ", row with Id " + id + ", column '" + headers.get(cell)
                        + "': " + e.getMessage());
            }
            values[cell] = parsed.value();
            if (parsed.status() != MarginOfErrorStatus.MEASURED) {
                if (statuses == null) {
                    statuses = new String[values.length];
                }
                statuses[cell] = parsed.status().name();
            }
        }
        return RowFactory.create(id, RowFactory.create(name, values, statuses), null);
    }

    private static Integer parseId(String text) {
        try {
            int id = new BigDecimal(text.strip()).intValueExact();
            return id > 0 ? id : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Row failed(String error) {
        return RowFactory.create(null, null, error);
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
