package org.popsurvey.enricher.output;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.output.ColumnInputs.Input;
import org.popsurvey.enricher.reference.ReferenceProfile;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.schemas.SourceFile;

/**
 * Builds the rows of {@link NeighborhoodTable#COLUMNS} in a task: each decoded record, its reference
 * profile from the broadcast tables (null columns and {@code has_reference_row = false} when no
 * file has its Id), the computed columns, then the reliability columns.
 *
 * <p>Rows in and out are in Spark's internal form, and this class (with {@link ReferenceProfile#fill})
 * is the one place that handles it: the record's and the profile's columns are taken as they are,
 * the computed ones converted where their Java form differs (strings, timestamps). The external
 * {@code Row} encoder, which checks the type of every field of every row, took more of the
 * enrichment's CPU time than the lookups and formulas (JFR).
 *
 * <p>The declared columns are resolved to positions once, when the class loads; a row is a loop
 * over arrays, with no lookup by name.
 */
public final class EnrichedRows implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

    private static final long serialVersionUID = 1L;
    private static final StructType PROFILE = ReferenceProfile.SCHEMA;
    private static final StructType RECORD = DecodedRecord.SCHEMA;
    private static final List<OutputColumn> COLUMNS = NeighborhoodTable.COLUMNS;

    // The plan: per output column, its source, its position there (or computation) and, for a record column, its type.
    private static final OutputColumn.Source[] SOURCE =
            COLUMNS.stream().map(OutputColumn::source).toArray(OutputColumn.Source[]::new);
    private static final int[] INDEX =
            COLUMNS.stream().mapToInt(EnrichedRows::sourceIndex).toArray();
    private static final DataType[] RECORD_TYPE = COLUMNS.stream()
            .map(c -> c.source() == OutputColumn.Source.RECORD
                    ? RECORD.apply(c.from()).dataType()
                    : null)
            .toArray(DataType[]::new);
    private static final OutputColumn.Computation[] COMPUTATION =
            COLUMNS.stream().map(OutputColumn::computation).toArray(OutputColumn.Computation[]::new);

    private static final int ID = RECORD.fieldIndex(DecodedRecord.NEIGHBORHOOD_ID);
    private static final int MISSING = PROFILE.fieldIndex(ReferenceProfile.MISSING_REFERENCE_TABLES);
    private static final List<String> ALL_FILES =
            SourceFile.REFERENCE_TABLES.stream().map(SourceFile::fileName).toList();

    private final Broadcast<ReferenceProfiles> profiles;
    private final long batchId;
    private final Timestamp processedAt;

    public EnrichedRows(Broadcast<ReferenceProfiles> profiles, long batchId, Timestamp processedAt) {
        this.profiles = profiles;
        this.batchId = batchId;
        this.processedAt = processedAt;
    }

    /**
     * The batch's latest record per Id ({@link DecodedRecord#SCHEMA}, Spark's internal rows) as rows
     * of {@link NeighborhoodTable#SCHEMA}, each with its reference profile looked up in the broadcast
     * tables inside its task (no join, no shuffle).
     */
    public static Dataset<Row> enrich(
            SparkSession spark,
            JavaRDD<InternalRow> latest,
            Broadcast<ReferenceProfiles> profiles,
            long batchId,
            Timestamp processedAt) {
        JavaRDD<InternalRow> rows = latest.mapPartitions(new EnrichedRows(profiles, batchId, processedAt));
        return frame(spark, rows, NeighborhoodTable.SCHEMA);
    }

    /** Decoded records ({@link DecodedRecord#SCHEMA}, Spark's internal rows) as a DataFrame, to be enriched later. */
    public static Dataset<Row> records(SparkSession spark, JavaRDD<InternalRow> records) {
        return frame(spark, records, RECORD);
    }

    private static Dataset<Row> frame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
        // Spark's own sources (Kafka, JDBC) create their DataFrames from internal rows this way; the
        // public createDataFrame takes external Rows, whose encoder is what this class avoids.
        return spark.internalCreateDataFrame(rows.rdd(), schema, false);
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> records) {
        ReferenceProfiles tables = profiles.value();
        ReferenceProfile profile = new ReferenceProfile(tables);
        Inputs in = new Inputs(batchId, processedAt, PROFILE.size());
        ArrayData allFiles = ReferenceProfile.texts(ALL_FILES);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public InternalRow next() {
                // A copy: the source may reuse one row buffer, and the output keeps its strings.
                in.record = records.next().copy();
                int slot = tables.slotOf(in.record.getInt(ID));
                Arrays.fill(in.reference, null);
                if (slot >= 0) {
                    profile.fill(slot, in.reference, 1);
                } else {
                    in.reference[MISSING] = allFiles;
                }
                return row(in);
            }
        };
    }

    private static InternalRow row(Inputs in) {
        Object[] values = new Object[INDEX.length];
        for (int c = 0; c < values.length; c++) {
            switch (SOURCE[c]) {
                case RECORD -> values[c] = in.record.get(INDEX[c], RECORD_TYPE[c]);
                case REFERENCE -> values[c] = in.reference[INDEX[c]];
                case COMPUTED -> values[c] = in.internal(COMPUTATION[c].compute(in));
                case RELIABILITY -> {} // filled last, from the others
            }
        }
        NeighborhoodTable.RELIABILITY.fill(values, UTF8String::fromString);
        return new GenericInternalRow(values);
    }

    /** The column's position in the record or the profile; -1 for a computed or reliability column. */
    private static int sourceIndex(OutputColumn column) {
        StructType source = switch (column.source()) {
            case RECORD -> RECORD;
            case REFERENCE -> PROFILE;
            default -> null;
        };
        if (source == null) {
            return -1;
        }
        if (column.source() == OutputColumn.Source.REFERENCE
                && column.from().equals(ReferenceProfile.NEIGHBORHOOD_ID)) {
            throw new IllegalStateException("the Id comes from the record, not the profile");
        }
        StructField field = source.apply(column.from());
        if (!field.dataType().equals(column.type()) || (field.nullable() && !column.nullable())) {
            throw new IllegalStateException(
                    "column " + column.name() + " is declared " + column.field() + " but its source has " + field);
        }
        return source.fieldIndex(column.from());
    }

    /** One row's inputs, reused for every row of a task; the only {@link ColumnInputs}. */
    private static final class Inputs implements ColumnInputs {
        private final long batchId;
        private final Timestamp processedAt;
        private final Object processedAtMicros;
        private final Object[] reference;
        private InternalRow record;

        Inputs(long batchId, Timestamp processedAt, int profileColumns) {
            this.batchId = batchId;
            this.processedAt = processedAt;
            this.processedAtMicros = CatalystTypeConverters.convertToCatalyst(processedAt);
            this.reference = new Object[profileColumns];
        }

        @Override
        public Double number(Input input) {
            if (isNull(input)) {
                return null;
            }
            boolean isLong = input.type().equals(DataTypes.LongType);
            if (input.fromRecord()) {
                return isLong ? (double) record.getLong(input.index()) : record.getDouble(input.index());
            }
            return ((Number) reference[input.index()]).doubleValue();
        }

        @Override
        public boolean isNull(Input input) {
            return input.fromRecord() ? record.isNullAt(input.index()) : reference[input.index()] == null;
        }

        @Override
        public Boolean sameText(Input a, Input b) {
            UTF8String first = text(a);
            UTF8String second = text(b);
            return first == null || second == null ? null : first.equals(second);
        }

        @Override
        public int size(Input input) {
            if (isNull(input)) {
                return 0;
            }
            return input.fromRecord()
                    ? record.getArray(input.index()).numElements()
                    : ((ArrayData) reference[input.index()]).numElements();
        }

        @Override
        public long batchId() {
            return batchId;
        }

        @Override
        public Timestamp processedAt() {
            return processedAt;
        }

        private UTF8String text(Input input) {
            if (isNull(input)) {
                return null;
            }
            return input.fromRecord() ? record.getUTF8String(input.index()) : (UTF8String) reference[input.index()];
        }

        /** A computed value in Spark's internal form: numbers and booleans are the same in both. */
        Object internal(Object value) {
            if (value instanceof String text) {
                return UTF8String.fromString(text);
            }
            if (value instanceof Timestamp time) {
                // The batch's stamp, converted once per task; any other timestamp, per row.
                return time == processedAt ? processedAtMicros : CatalystTypeConverters.convertToCatalyst(time);
            }
            return value;
        }
    }
}
