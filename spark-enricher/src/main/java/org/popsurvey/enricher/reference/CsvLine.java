package org.popsurvey.enricher.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of an RFC 4180 CSV file into its cells: commas separate cells, a cell may be
 * quoted ({@code "a, b"}) with {@code ""} for a quote inside it. A line is one record, as for
 * Spark's own CSV reader without {@code multiLine}: the published files quote nothing and no cell
 * spans lines. Cells are returned as written, spaces included.
 */
final class CsvLine {

    private CsvLine() {
    }

    /** The cells of {@code line}; throws IllegalArgumentException for a quote that is not closed. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        int length = line.length();
        int start = 0;
        while (true) {
            if (start < length && line.charAt(start) == '"') {
                StringBuilder cell = new StringBuilder();
                int i = start + 1;
                while (true) {
                    if (i >= length) {
                        throw new IllegalArgumentException("a quoted cell is not closed");
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < length && line.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    cell.append(c);
                    i++;
                }
                // After the closing quote: the separator, the end of the line, or (leniently) more text.
                int comma = line.indexOf(',', i + 1);
                int end = comma < 0 ? length : comma;
                cell.append(line, i + 1, end);
                cells.add(cell.toString());
                if (comma < 0) {
                    return cells;
                }
                start = comma + 1;
            } else {
                int comma = line.indexOf(',', start);
                if (comma < 0) {
                    cells.add(line.substring(start));
                    return cells;
                }
                cells.add(line.substring(start, comma));
                start = comma + 1;
            }
        }
    }
}
