package org.popsurvey.enricher.stream;

import java.sql.Timestamp;
import java.time.Instant;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Column;
import org.apache.spark.storage.StorageLevel;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.output.BatchStamp;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.enricher.sink.ExactlyOnceParquetSink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.max;

/**
 * What happens to each micro-batch of decoded records (runs on the driver): keep the latest record
 * per neighborhood Id, enrich it with its reference profile (looked up in the broadcast tables), and
 * hand the rows, with the undecodable values, to the exactly-once sink.
 *
 * <p>Latest wins by arrival: the clean topic is keyed by Id, so every version of a neighborhood is
 * in one partition and the highest offset is the latest; across batches, a later batch replaces an
 * earlier one. The partition is only a deterministic tie-break for a producer that ignored the key.
 */
public final class EnrichmentBatch implements VoidFunction2<Dataset<Row>, Long> {

    private static final long serialVersionUID = 1L;
    private static final String LATEST_ID = "_latest_id";
    private static final String LATEST_ORDER = "_latest_order";
    /**
     * Batches up to this many records (after the decoder dropped superseded versions within each
     * task) find their latest Ids with a broadcast (a few MB of keys).
     */
    static final long BROADCAST_MAX_RECORDS = 2_000_000;

    private final transient Broadcast<ReferenceProfiles> profiles;
    private final transient ExactlyOnceParquetSink sink;

    public EnrichmentBatch(Broadcast<ReferenceProfiles> profiles, ExactlyOnceParquetSink sink) {
        this.profiles = profiles;
        this.sink = sink;
    }

    /**
     * The latest record of each Id: a hash aggregate finds each Id's highest (offset, partition)
     * on two narrow columns, and a semi-join keeps those records. Sorting the batch's wide rows by
     * Id (a window) costs several times more on a backfill of millions of records.
     */
    static Dataset<Row> latestPerNeighborhood(Dataset<Row> valid, long records) {
        // offset * 2^20 + partition: exact for offsets below 2^43 and fewer than 2^20 partitions.
        Column order = col(DecodedRecord.KAFKA_OFFSET).multiply(1L << 20).plus(col(DecodedRecord.KAFKA_PARTITION));
        Dataset<Row> latestKeys = valid.groupBy(col(DecodedRecord.NEIGHBORHOOD_ID).as(LATEST_ID))
                .agg(max(order).as(LATEST_ORDER));
        Dataset<Row> keys = records <= BROADCAST_MAX_RECORDS ? broadcast(latestKeys) : latestKeys;
        return valid.join(keys, valid.col(DecodedRecord.NEIGHBORHOOD_ID).equalTo(keys.col(LATEST_ID))
                .and(order.equalTo(keys.col(LATEST_ORDER))), "left_semi");
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        Dataset<Row> decoded = batch.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // One job counts the batch and tells whether anything failed to decode (which fills the cache too).
            long records = 0;
            long undecodable = 0;
            for (Row count : decoded.groupBy(col(DecodedRecord.DECODE_ERROR).isNull()).count().collectAsList()) {
                records += count.getLong(1);
                undecodable += count.getBoolean(0) ? 0 : count.getLong(1);
            }
            Dataset<Row> valid = decoded.filter(col(DecodedRecord.DECODE_ERROR).isNull());
            Dataset<Row> latest = latestPerNeighborhood(valid, records);
            // The same Ids as latest's, straight from the cache: without the aggregate and the semi-join.
            Dataset<Row> ids = valid.select(DecodedRecord.NEIGHBORHOOD_ID);
            Dataset<Row> undecoded = decoded.filter(col(DecodedRecord.DECODE_ERROR).isNotNull())
                    .select(col(DecodedRecord.KAFKA_TOPIC), col(DecodedRecord.KAFKA_PARTITION),
                            col(DecodedRecord.KAFKA_OFFSET), col(DecodedRecord.KAFKA_TIMESTAMP),
                            col(DecodedRecord.KAFKA_KEY), col(DecodedRecord.SCHEMA_ID), col(DecodedRecord.DECODE_ERROR),
                            col(DecodedRecord.RAW_VALUE), BatchStamp.batchId(batchId).as(NeighborhoodTable.ENRICHER_BATCH_ID),
                            BatchStamp.now().as(NeighborhoodTable.PROCESSED_AT));
            // limit(0): the optimizer makes it an empty relation, so the sink's isEmpty() runs no job.
            Dataset<Row> rejected = undecodable > 0 ? undecoded : undecoded.limit(0);
            Dataset<Row> enriched = NeighborhoodTable.enrich(latest, profiles, batchId, Timestamp.from(Instant.now()));
            sink.write(batchId, enriched, ids, rejected);
        } finally {
            decoded.unpersist();
        }
    }
}
