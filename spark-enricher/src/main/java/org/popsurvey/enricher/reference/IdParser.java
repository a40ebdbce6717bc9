package org.popsurvey.enricher.reference;

import java.math.BigDecimal;
import java.util.List;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.popsurvey.schemas.SourceFile;

/**
 * Turns a reference row's Id cell into the int join key. Anything but a positive whole number is
 * reported in the error column (checked on the driver): an exception thrown in a task reaches the
 * driver as text inside Spark's own error, which is no message for a person.
 */
final class IdParser implements MapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final SourceFile file;
    private final String location;

    IdParser(SourceFile file, String location) {
        this.file = file;
        this.location = location;
    }

    @Override
    public Row call(Row row) {
        String text = row.getString(0);
        List<String> cells = row.getList(1);
        try {
            int id = new BigDecimal(text == null ? "" : text.strip()).intValueExact();
            if (id > 0) {
                return RowFactory.create(id, row.get(1), null);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        return RowFactory.create(null, row.get(1), "Reference file " + location + " (" + file.fileName() + "), row of '"
                + cells.get(file.header().indexOf(ReferenceProfile.NEIGHBORHOOD_HEADER)) + "', column '" + ReferenceProfile.ID_HEADER
                + "': '" + text + "' is not a positive whole number");
    }
}
