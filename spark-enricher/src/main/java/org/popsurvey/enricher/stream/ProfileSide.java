package org.popsurvey.enricher.stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.reference.ReferenceProfile;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

/**
 * The reference side of a micro-batch's join, chosen by size so that no batch sorts or shuffles
 * the whole profile table when it does not have to:
 * <ul>
 *   <li>a city-size table (up to {@link #BROADCAST_MAX} Ids) is broadcast whole;</li>
 *   <li>a small batch of a large table (the streaming case: a few records every trigger) broadcasts
 *       only the profiles of its own Ids, found by probing the cached table with the batch's Ids;</li>
 *   <li>a large batch of a large table (a backfill) joins partition by partition, hash join on the
 *       table already cached hash-partitioned by Id: no shuffle of the profiles and no sort of
 *       either side.</li>
 * </ul>
 */
final class ProfileSide {

    /** Profiles (or batch records) up to this many are broadcast to every task. */
    static final long BROADCAST_MAX = 20_000;
    private static final String BATCH_ID = "_batch_id";

    private ProfileSide() {
    }

    /**
     * @param batchIds the Ids of the batch's records ({@link DecodedRecord#NEIGHBORHOOD_ID}, repeats allowed)
     * @param batchRecords an upper bound of {@code batchIds}' rows
     */
    static Dataset<Row> forBatch(Dataset<Row> profiles, long profileCount, Dataset<Row> batchIds, long batchRecords) {
        return forBatch(profiles, profileCount, batchIds, batchRecords, BROADCAST_MAX);
    }

    static Dataset<Row> forBatch(Dataset<Row> profiles, long profileCount, Dataset<Row> batchIds, long batchRecords,
            long broadcastMax) {
        if (profileCount <= broadcastMax) {
            return broadcast(profiles);
        }
        if (batchRecords <= broadcastMax) {
            Dataset<Row> ids = batchIds.select(col(DecodedRecord.NEIGHBORHOOD_ID).as(BATCH_ID));
            return broadcast(profiles.join(broadcast(ids),
                    profiles.col(ReferenceProfile.NEIGHBORHOOD_ID).equalTo(ids.col(BATCH_ID)), "left_semi"));
        }
        return profiles.hint("shuffle_hash");
    }
}
