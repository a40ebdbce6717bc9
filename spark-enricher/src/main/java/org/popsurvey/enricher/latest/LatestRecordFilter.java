package org.popsurvey.enricher.latest;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Keeps a decoded record only if it is the latest version of its Id in the batch
 * ({@link LatestWins}). Reads Spark's internal rows: no conversion per record for three fields.
 */
public final class LatestRecordFilter implements Function<InternalRow, Boolean> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<LatestVersions> latest;
    private final int id;
    private final int partition;
    private final int offset;

    /** @param schema the decoded records' columns, among them {@code columns} */
    public LatestRecordFilter(Broadcast<LatestVersions> latest, StructType schema, LatestWins.Columns columns) {
        this.latest = latest;
        this.id = schema.fieldIndex(columns.id());
        this.partition = schema.fieldIndex(columns.partition());
        this.offset = schema.fieldIndex(columns.offset());
    }

    @Override
    public Boolean call(InternalRow record) {
        return latest.value().isLatest(record.getInt(id), record.getLong(offset), record.getInt(partition));
    }
}
