package org.popsurvey.enricher.stream;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.popsurvey.enricher.decode.DecodedRecord;

/**
 * Keeps a decoded record ({@link DecodedRecord#SCHEMA}, Spark's internal row: no conversion per
 * record) only if it is the latest version of its Id in the batch.
 */
final class LatestRecordFilter implements Function<InternalRow, Boolean> {

    private static final long serialVersionUID = 1L;
    private static final int ID = DecodedRecord.SCHEMA.fieldIndex(DecodedRecord.NEIGHBORHOOD_ID);
    private static final int PARTITION = DecodedRecord.SCHEMA.fieldIndex(DecodedRecord.KAFKA_PARTITION);
    private static final int OFFSET = DecodedRecord.SCHEMA.fieldIndex(DecodedRecord.KAFKA_OFFSET);

    private final Broadcast<LatestVersions> latest;

    LatestRecordFilter(Broadcast<LatestVersions> latest) {
        this.latest = latest;
    }

    @Override
    public Boolean call(InternalRow record) {
        return latest.value().isLatest(record.getInt(ID), record.getLong(OFFSET), record.getInt(PARTITION));
    }
}
