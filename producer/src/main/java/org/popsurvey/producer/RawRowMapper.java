package org.popsurvey.producer;

import java.time.Instant;
import java.util.List;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceLineage;

/** Puts a CSV line's cells, unjudged and in order, into the raw row contract. */
final class RawRowMapper {

    private final String sourceFile;
    private final String runId;

    RawRowMapper(String sourceFile, String runId) {
        this.sourceFile = sourceFile;
        this.runId = runId;
    }

    RawPopulationRow toRow(CsvLine line, int batchNumber, Instant readAt) {
        List<String> cells = line.cells();
        return RawPopulationRow.newBuilder()
                .setNeighborhood(cell(cells, 0))
                .setId(cell(cells, 1))
                .setEstimate(cell(cells, 2))
                .setMarginOfError(cell(cells, 3))
                .setExtraCells(cells.size() > 4 ? List.copyOf(cells.subList(4, cells.size())) : List.of())
                .setLineage(SourceLineage.newBuilder()
                        .setSourceFile(sourceFile)
                        .setLineNumber(line.lineNumber())
                        .setBatchNumber(batchNumber)
                        .setProducerRunId(runId)
                        .setReadTimestamp(readAt)
                        .build())
                .build();
    }

    /** The record key: the Id cell's text, as the validator and compaction expect. */
    static String keyOf(CsvLine line) {
        return cell(line.cells(), 1);
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : null;
    }
}
