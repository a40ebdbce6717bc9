package org.popsurvey.validator.rules;

import java.util.List;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Violation;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceLineage;

/**
 * {@code TOO_MANY_CELLS}, {@code CELL_TOO_LONG}, {@code LINEAGE_TOO_LONG}: the row is within the
 * {@link RecordLimits}. Runs first; a row outside them gets only these codes, so the other rules
 * (and their messages) only ever see bounded input. One pass over the cells, no copies.
 */
final class BoundsRule {

    private static final List<String> FIELDS = List.of("neighborhood", "id", "estimate", "margin_of_error");

    private final RecordLimits limits;

    BoundsRule(RecordLimits limits) {
        this.limits = limits;
    }

    void check(RawPopulationRow row, Violations violations) {
        List<String> extra = row.getExtraCells() == null ? List.of() : row.getExtraCells();
        long cells = extra.size() + countPresent(row);
        if (cells > limits.maxCells()) {
            violations.add(new Violation(
                    ErrorCode.TOO_MANY_CELLS,
                    "row",
                    null,
                    "the line has " + cells + " cells, more than --max-cells " + limits.maxCells()
                            + " (the header has 4)"));
        } else {
            checkCellLengths(row, extra, violations);
        }
        checkLineage(row.getLineage(), violations);
    }

    private void checkCellLengths(RawPopulationRow row, List<String> extra, Violations violations) {
        String[] main = {row.getNeighborhood(), row.getId(), row.getEstimate(), row.getMarginOfError()};
        for (int i = 0; i < main.length; i++) {
            if (tooLong(main[i])) {
                violations.add(cellTooLong(FIELDS.get(i), i + 1, main[i]));
                return;
            }
        }
        for (int i = 0; i < extra.size(); i++) {
            if (tooLong(extra.get(i))) {
                violations.add(cellTooLong("extra_cells", i + 5, extra.get(i)));
                return;
            }
        }
    }

    private boolean tooLong(String cell) {
        // length() bounds codePointCount from above: count code points only for the long ones.
        return cell != null
                && cell.length() > limits.maxCellLength()
                && cell.codePointCount(0, cell.length()) > limits.maxCellLength();
    }

    private Violation cellTooLong(String field, int position, String cell) {
        return new Violation(
                ErrorCode.CELL_TOO_LONG,
                field,
                cell,
                "cell " + position + " (" + field + ") has "
                        + cell.codePointCount(0, cell.length()) + " characters, more than --max-cell-length "
                        + limits.maxCellLength());
    }

    private static void checkLineage(SourceLineage lineage, Violations violations) {
        if (lineage == null) {
            return;
        }
        String file = lineage.getSourceFile();
        String run = lineage.getProducerRunId();
        if (file != null && file.length() > RecordLimits.MAX_SOURCE_FILE_LENGTH) {
            violations.add(new Violation(
                    ErrorCode.LINEAGE_TOO_LONG,
                    "lineage",
                    file,
                    "lineage source_file has " + file.length() + " characters, more than "
                            + RecordLimits.MAX_SOURCE_FILE_LENGTH));
        } else if (run != null && run.length() > RecordLimits.MAX_RUN_ID_LENGTH) {
            violations.add(new Violation(
                    ErrorCode.LINEAGE_TOO_LONG,
                    "lineage",
                    run,
                    "lineage producer_run_id has " + run.length() + " characters, more than "
                            + RecordLimits.MAX_RUN_ID_LENGTH));
        }
    }

    private static int countPresent(RawPopulationRow row) {
        int present = 0;
        for (String cell :
                new String[] {row.getNeighborhood(), row.getId(), row.getEstimate(), row.getMarginOfError()}) {
            present += cell == null ? 0 : 1;
        }
        return present;
    }
}
