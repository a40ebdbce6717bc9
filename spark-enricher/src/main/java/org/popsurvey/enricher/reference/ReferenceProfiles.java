package org.popsurvey.enricher.reference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.popsurvey.schemas.SourceFile;

/**
 * The parsed reference tables of every neighborhood Id, as the value broadcast to the tasks:
 * primitive arrays indexed by slot (the Id's position in the sorted {@link #ids}), so that 100,000
 * neighborhoods serialize in well under a second and take about 70 MB instead of millions of boxed
 * cells. {@link ReferenceProfile} turns a slot into the output's reference columns.
 *
 * <p>Cells of slot s: measure k of {@link ReferenceMeasure#ALL} has its estimate at
 * {@code s × width + 2k} and its MOE at the next index, NaN when unknown (an annotation, or the
 * measure's file has no row for the Id).
 */
public final class ReferenceProfiles implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final List<SourceFile> FILES = SourceFile.REFERENCE_TABLES;
    /** Per measure of {@link ReferenceMeasure#ALL}: its file's position in {@link #FILES}. */
    private static final int[] FILE_OF_MEASURE = ReferenceMeasure.ALL.stream()
            .mapToInt(measure -> FILES.indexOf(measure.file()))
            .toArray();

    private final int[] ids;
    private final String[] names;
    /** Bit f set: file f of {@link SourceFile#REFERENCE_TABLES} has no row for the Id. */
    private final byte[] missingFiles;

    private final double[] cells;
    /** Per slot: null when every present cell is a number, else each cell's status (null = measured). */
    private final String[][] statuses;

    private final int width;

    private ReferenceProfiles(
            int[] ids, String[] names, byte[] missingFiles, double[] cells, String[][] statuses, int width) {
        this.ids = ids;
        this.names = names;
        this.missingFiles = missingFiles;
        this.cells = cells;
        this.statuses = statuses;
        this.width = width;
    }

    /** Combines the files' parsed rows (Id → row) into one profile per Id found in any file. */
    static ReferenceProfiles combine(Map<SourceFile, Map<Integer, ReferenceRowParser.Parsed>> rowsByFile) {
        int[] ids = rowsByFile.values().stream()
                .flatMap(rows -> rows.keySet().stream())
                .mapToInt(Integer::intValue)
                .distinct()
                .sorted()
                .toArray();
        List<ReferenceMeasure> all = ReferenceMeasure.ALL;
        int width = 2 * all.size();
        String[] names = new String[ids.length];
        byte[] missing = new byte[ids.length];
        double[] cells = new double[ids.length * width];
        Arrays.fill(cells, Double.NaN);
        String[][] statuses = new String[ids.length][];
        // Per file: where its k-th measure sits among all measures.
        int[][] positionInAll = new int[FILES.size()][];
        for (int f = 0; f < FILES.size(); f++) {
            positionInAll[f] = ReferenceMeasure.from(FILES.get(f)).stream()
                    .mapToInt(all::indexOf)
                    .toArray();
        }
        for (int slot = 0; slot < ids.length; slot++) {
            Set<String> distinctNames = new LinkedHashSet<>();
            for (int f = 0; f < FILES.size(); f++) {
                SourceFile file = FILES.get(f);
                ReferenceRowParser.Parsed row = rowsByFile.get(file).get(ids[slot]);
                if (row == null) {
                    missing[slot] |= (byte) (1 << f);
                    continue;
                }
                if (row.name() != null) {
                    distinctNames.add(row.name());
                }
                for (int k = 0; k < positionInAll[f].length; k++) {
                    int to = slot * width + 2 * positionInAll[f][k];
                    cells[to] = row.cells()[2 * k];
                    cells[to + 1] = row.cells()[2 * k + 1];
                    if (row.statuses() != null) {
                        if (statuses[slot] == null) {
                            statuses[slot] = new String[width];
                        }
                        statuses[slot][to - slot * width] = row.statuses()[2 * k];
                        statuses[slot][to - slot * width + 1] = row.statuses()[2 * k + 1];
                    }
                }
            }
            names[slot] = distinctNames.isEmpty() ? null : String.join(" | ", distinctNames);
        }
        return new ReferenceProfiles(ids, names, missing, cells, statuses, width);
    }

    public int size() {
        return ids.length;
    }

    /** The Id's slot, or -1 when no reference file has a row for it. */
    public int slotOf(int id) {
        int slot = Arrays.binarySearch(ids, id);
        return slot >= 0 ? slot : -1;
    }

    /** The names the files give the Id, distinct, in file order, joined with {@code " | "}; may be null. */
    String name(int slot) {
        return names[slot];
    }

    /** The files without a row for the Id, in {@link SourceFile#REFERENCE_TABLES} order. */
    List<String> missingFiles(int slot) {
        List<String> missing = new ArrayList<>(FILES.size());
        for (int f = 0; f < FILES.size(); f++) {
            if ((missingFiles[slot] & (1 << f)) != 0) {
                missing.add(FILES.get(f).fileName());
            }
        }
        return missing;
    }

    boolean hasFile(int slot, int measure) {
        return (missingFiles[slot] & (1 << FILE_OF_MEASURE[measure])) == 0;
    }

    /** Cell {@code cell} (2k estimate, 2k + 1 MOE of measure k); null when unknown. */
    Double cell(int slot, int cell) {
        double value = cells[slot * width + cell];
        return Double.isNaN(value) ? null : value;
    }

    /** The ACS status of a cell of a file that has a row for the Id; null means measured. */
    String status(int slot, int cell) {
        return statuses[slot] == null ? null : statuses[slot][cell];
    }

    /** The Id's reference columns as a row of {@link ReferenceProfile#SCHEMA} (tests, inspection). */
    public Row row(int id) {
        int slot = slotOf(id);
        if (slot < 0) {
            throw new IllegalArgumentException("no reference row for Id " + id);
        }
        Object[] values = new Object[ReferenceProfile.SCHEMA.size()];
        new ReferenceProfile(this).fill(slot, values, 1);
        values[0] = id;
        for (int i = 1; i < values.length; i++) {
            values[i] =
                    CatalystTypeConverters.convertToScala(values[i], ReferenceProfile.SCHEMA.fields()[i].dataType());
        }
        return new GenericRowWithSchema(values, ReferenceProfile.SCHEMA);
    }

    /** Every Id, ascending. */
    public int[] ids() {
        return ids.clone();
    }
}
