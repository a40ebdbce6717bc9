package org.popsurvey.enricher.output;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.moe.Moe;
import org.popsurvey.enricher.reference.ReferenceMeasure;
import org.popsurvey.enricher.reference.ReferenceProfile;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.schemas.output.Reliability;

/**
 * Builds {@link NeighborhoodTable#SCHEMA} rows in a task: each decoded record, its reference
 * profile from the broadcast tables (null columns and {@code has_reference_row = false} when no
 * file has its Id), per-capita income, the name check, lineage and the batch stamp.
 *
 * <p>Rows in and out are in Spark's internal form: the record's and the profile's columns are
 * taken as they are ({@link ReferenceProfile#fill} writes internal values), and the computed ones
 * are numbers and booleans, the same in both forms, except the processing time, converted once.
 * The external {@code Row} encoder, which checks the type of every field of every row, took more
 * of the enrichment's CPU time than the lookups and formulas (JFR).
 *
 * <p>The column order is {@link NeighborhoodTable#SCHEMA}'s alone: each output column is taken
 * from the record or the profile by name, or computed here.
 */
final class EnrichedRows implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

    private static final long serialVersionUID = 1L;
    private static final StructType OUTPUT = NeighborhoodTable.SCHEMA;
    private static final StructType PROFILE = ReferenceProfile.SCHEMA;
    private static final StructType RECORD = DecodedRecord.SCHEMA;
    /** Columns computed here, by position in {@link #COMPUTED_COLUMNS}. */
    private static final List<String> COMPUTED_COLUMNS = List.of(
            NeighborhoodTable.PER_CAPITA_INCOME,
            NeighborhoodTable.PER_CAPITA_INCOME_MOE,
            NeighborhoodTable.HAS_REFERENCE_ROW,
            NeighborhoodTable.NEIGHBORHOOD_NAME_MISMATCH,
            NeighborhoodTable.ENRICHER_BATCH_ID,
            NeighborhoodTable.PROCESSED_AT);
    /**
     * Output column c: the profile's column {@code SOURCE[c]} when non-negative, the record's column
     * {@code -1 - SOURCE[c]} when above {@link #COMPUTED}, a reliability column (filled last, from
     * the others) when {@link #RELIABILITY}, else computed column {@code COMPUTED - SOURCE[c]}.
     */
    private static final int COMPUTED = -1_000_000;

    private static final int RELIABILITY = Integer.MIN_VALUE;
    private static final int[] SOURCE = sources();

    private static final int ID = RECORD.fieldIndex(DecodedRecord.NEIGHBORHOOD_ID);
    private static final int NAME = RECORD.fieldIndex(DecodedRecord.NEIGHBORHOOD);
    private static final int POPULATION = RECORD.fieldIndex(DecodedRecord.POPULATION);
    private static final int POPULATION_MOE = RECORD.fieldIndex(DecodedRecord.POPULATION_MOE);
    private static final int MISSING = PROFILE.fieldIndex(ReferenceProfile.MISSING_REFERENCE_TABLES);
    private static final int REFERENCE_NAME = PROFILE.fieldIndex(ReferenceProfile.REFERENCE_NEIGHBORHOOD);
    private static final int INCOME = PROFILE.fieldIndex(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME);
    private static final int INCOME_MOE =
            PROFILE.fieldIndex(ReferenceMeasure.AGGREGATE_HOUSEHOLD_INCOME + ReferenceMeasure.MOE_SUFFIX);
    private static final List<String> ALL_FILES =
            SourceFile.REFERENCE_TABLES.stream().map(SourceFile::fileName).toList();

    private final Broadcast<ReferenceProfiles> profiles;
    private final long batchId;
    private final Timestamp processedAt;

    EnrichedRows(Broadcast<ReferenceProfiles> profiles, long batchId, Timestamp processedAt) {
        this.profiles = profiles;
        this.batchId = batchId;
        this.processedAt = processedAt;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> records) {
        ReferenceProfiles tables = profiles.value();
        ReferenceProfile profile = new ReferenceProfile(tables);
        Object[] reference = new Object[PROFILE.size()];
        ArrayData allFiles = ReferenceProfile.texts(ALL_FILES);
        Object processedAtMicros = CatalystTypeConverters.convertToCatalyst(processedAt);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public InternalRow next() {
                // A copy: the source may reuse one row buffer, and the output keeps its strings.
                InternalRow record = records.next().copy();
                int slot = tables.slotOf(record.getInt(ID));
                Arrays.fill(reference, null);
                if (slot >= 0) {
                    profile.fill(slot, reference, 1);
                } else {
                    reference[MISSING] = allFiles;
                }
                return row(record, slot >= 0, reference, processedAtMicros);
            }
        };
    }

    private InternalRow row(InternalRow record, boolean found, Object[] reference, Object processedAtMicros) {
        Object[] values = new Object[SOURCE.length];
        for (int c = 0; c < SOURCE.length; c++) {
            int source = SOURCE[c];
            if (source == RELIABILITY) {
                continue;
            } else if (source >= 0) {
                values[c] = reference[source];
            } else if (source > COMPUTED) {
                values[c] = record.get(-1 - source, RECORD.fields()[-1 - source].dataType());
            } else {
                values[c] = computed(COMPUTED - source, record, found, reference, processedAtMicros);
            }
        }
        NeighborhoodTable.RELIABILITY.fillInternal(values);
        return new GenericInternalRow(values);
    }

    /** Computed column {@code column}, in internal form. */
    private Object computed(
            int column, InternalRow record, boolean found, Object[] reference, Object processedAtMicros) {
        switch (column) {
            case 0: // per_capita_income
                return Moe.ratio(income(reference), population(record));
            case 1: // per_capita_income_moe
                return Moe.ratioMoe(
                        income(reference),
                        population(record),
                        (Double) reference[INCOME_MOE],
                        record.isNullAt(POPULATION_MOE) ? null : record.getDouble(POPULATION_MOE));
            case 2: // has_reference_row
                return found && ((ArrayData) reference[MISSING]).numElements() == 0;
            case 3: // neighborhood_name_mismatch
                UTF8String referenceName = (UTF8String) reference[REFERENCE_NAME];
                return referenceName == null || record.isNullAt(NAME)
                        ? null
                        : !referenceName.equals(record.getUTF8String(NAME));
            case 4: // enricher_batch_id
                return batchId;
            default: // processed_at
                return processedAtMicros;
        }
    }

    private static Double income(Object[] reference) {
        Long income = (Long) reference[INCOME];
        return income == null ? null : income.doubleValue();
    }

    private static Double population(InternalRow record) {
        return record.isNullAt(POPULATION) ? null : (double) record.getLong(POPULATION);
    }

    /** Per output column: the profile's column, the record's (encoded negative), or a computed one. */
    private static int[] sources() {
        List<String> fromRecord = List.of(NeighborhoodTable.RECORD_COLUMNS, NeighborhoodTable.LINEAGE_COLUMNS).stream()
                .flatMap(List::stream)
                .toList();
        int[] sources = new int[OUTPUT.size()];
        for (int c = 0; c < sources.length; c++) {
            String name = OUTPUT.fields()[c].name();
            if (fromRecord.contains(name)) {
                sources[c] = -1 - RECORD.fieldIndex(name);
            } else if (!name.equals(ReferenceProfile.NEIGHBORHOOD_ID)
                    && PROFILE.getFieldIndex(name).isDefined()) {
                sources[c] = PROFILE.fieldIndex(name);
            } else if (name.endsWith(Reliability.CV_SUFFIX) || name.endsWith(Reliability.RELIABILITY_SUFFIX)) {
                sources[c] = RELIABILITY;
            } else if (COMPUTED_COLUMNS.contains(name)) {
                sources[c] = COMPUTED - COMPUTED_COLUMNS.indexOf(name);
            } else {
                throw new IllegalStateException("no source for output column " + name);
            }
        }
        return sources;
    }
}
