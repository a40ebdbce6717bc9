package org.popsurvey.validator.rules;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.deadletter.CellText;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Violation;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceFile;

/**
 * {@code CELL_COUNT_MISMATCH}: the line had exactly the header's 4 cells. The producer keeps
 * cells positionally, so a short line leaves the last fields null and a long one fills
 * {@code extra_cells}; a missing cell is reported here only, not again by its column's rule.
 */
final class CellCountRule {

    static final List<String> HEADER = SourceFile.TOTAL_POPULATION.header();
    /** Extra cells quoted in the message; the value field still holds them all, joined. */
    static final int EXTRA_CELLS_SHOWN = 10;

    private static final List<String> FIELDS = List.of("neighborhood", "id", "estimate", "margin_of_error");

    void check(RawPopulationRow row, Violations violations) {
        List<String> cells = new ArrayList<>(4);
        cells.add(row.getNeighborhood());
        cells.add(row.getId());
        cells.add(row.getEstimate());
        cells.add(row.getMarginOfError());
        List<String> missingFields = new ArrayList<>();
        List<String> missingColumns = new ArrayList<>();
        int present = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) == null) {
                missingFields.add(FIELDS.get(i));
                missingColumns.add("'" + HEADER.get(i) + "'");
            } else {
                present++;
            }
        }
        List<String> extra = row.getExtraCells() == null ? List.of() : row.getExtraCells();
        if (missingFields.isEmpty() && extra.isEmpty()) {
            return;
        }
        int count = present + extra.size();
        StringBuilder message = new StringBuilder("the line has ")
                .append(count)
                .append(count == 1 ? " cell" : " cells")
                .append(", the header has ")
                .append(HEADER.size());
        if (!missingColumns.isEmpty()) {
            message.append("; missing ").append(String.join(", ", missingColumns));
        }
        if (!extra.isEmpty()) {
            message.append("; extra ");
            int shown = Math.min(extra.size(), EXTRA_CELLS_SHOWN);
            for (int i = 0; i < shown; i++) {
                message.append(i > 0 ? ", " : "").append(CellText.quote(extra.get(i)));
            }
            if (extra.size() > shown) {
                message.append(" and ").append(extra.size() - shown).append(" more");
            }
            message.append(" (an unquoted comma in a name splits it in two)");
        }
        String field = !missingFields.isEmpty() ? String.join(",", missingFields) : "extra_cells";
        if (!missingFields.isEmpty() && !extra.isEmpty()) {
            field = field + ",extra_cells";
        }
        String value = extra.isEmpty() ? null : String.join(",", extra);
        violations.add(new Violation(ErrorCode.CELL_COUNT_MISMATCH, field, value, message.toString()));
    }
}
