package org.popsurvey.enricher.stream;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;
import org.popsurvey.enricher.decode.DecodedRecord;
import org.popsurvey.enricher.latest.BatchVersions;
import org.popsurvey.enricher.latest.LatestRecordFilter;
import org.popsurvey.enricher.latest.LatestVersions;
import org.popsurvey.enricher.latest.LatestWins;
import org.popsurvey.enricher.ops.BatchOutcome;
import org.popsurvey.enricher.output.BatchStamp;
import org.popsurvey.enricher.output.EnrichedRows;
import org.popsurvey.enricher.output.NeighborhoodTable;
import org.popsurvey.enricher.reference.ReferenceProfiles;
import org.popsurvey.enricher.sink.ExactlyOnceParquetSink;
import org.popsurvey.enricher.sink.IncomingRows;

/**
 * What happens to each micro-batch of decoded records (runs on the driver): keep the latest record
 * per neighborhood Id ({@link LatestWins}), enrich it with its reference profile (looked up in
 * the broadcast tables), and hand the rows, with the undecodable values, to the exactly-once sink.
 * Across batches, a later batch replaces an earlier one.
 */
public final class EnrichmentBatch implements VoidFunction2<Dataset<Row>, Long> {

    private static final long serialVersionUID = 1L;
    private static final LatestWins.Columns VERSION_COLUMNS = new LatestWins.Columns(
            DecodedRecord.NEIGHBORHOOD_ID,
            DecodedRecord.KAFKA_PARTITION,
            DecodedRecord.KAFKA_OFFSET,
            DecodedRecord.DECODE_ERROR);

    private final transient Broadcast<ReferenceProfiles> profiles;
    private final transient ExactlyOnceParquetSink sink;
    private final transient BatchOutcome outcome;

    public EnrichmentBatch(Broadcast<ReferenceProfiles> profiles, ExactlyOnceParquetSink sink) {
        this(profiles, sink, BatchOutcome.NONE);
    }

    public EnrichmentBatch(Broadcast<ReferenceProfiles> profiles, ExactlyOnceParquetSink sink, BatchOutcome outcome) {
        this.profiles = profiles;
        this.sink = sink;
        this.outcome = outcome;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        // The rankings of a large table, written beside the batches, pause while this one runs.
        sink.runBatch(() -> publish(batch, batchId));
    }

    private void publish(Dataset<Row> batch, long batchId) {
        Dataset<Row> decoded = batch.persist(StorageLevel.MEMORY_AND_DISK());
        Broadcast<LatestVersions> latest = null;
        Timestamp processedAt = Timestamp.from(Instant.now());
        try {
            // One job fills the cache, counts the undecodable values and finds each Id's latest version.
            BatchVersions versions = BatchVersions.of(decoded, VERSION_COLUMNS);
            latest = JavaSparkContext.fromSparkContext(batch.sparkSession().sparkContext())
                    .broadcast(versions.latest());
            // Internal rows from here to the write (EnrichedRows): no Row conversion per record.
            JavaRDD<InternalRow> latestRecords = decoded.filter(
                            col(DecodedRecord.DECODE_ERROR).isNull())
                    .queryExecution()
                    .toRdd()
                    .toJavaRDD()
                    .filter(new LatestRecordFilter(latest, decoded.schema(), VERSION_COLUMNS));
            Dataset<Row> undecoded = decoded.filter(
                            col(DecodedRecord.DECODE_ERROR).isNotNull())
                    .select(
                            col(DecodedRecord.KAFKA_TOPIC),
                            col(DecodedRecord.KAFKA_PARTITION),
                            col(DecodedRecord.KAFKA_OFFSET),
                            col(DecodedRecord.KAFKA_TIMESTAMP),
                            col(DecodedRecord.KAFKA_KEY),
                            col(DecodedRecord.SCHEMA_ID),
                            col(DecodedRecord.DECODE_ERROR),
                            col(DecodedRecord.RAW_VALUE),
                            BatchStamp.batchId(batchId).as(NeighborhoodTable.ENRICHER_BATCH_ID),
                            BatchStamp.timestamp(processedAt).as(NeighborhoodTable.PROCESSED_AT));
            // limit(0): the optimizer makes it an empty relation, so the sink's isEmpty() runs no job.
            Dataset<Row> rejected = versions.undecodable() > 0 ? undecoded : undecoded.limit(0);
            // The records, not their enriched rows, go to the write task of their bucket, which enriches them.
            IncomingRows incoming = new IncomingRows(
                    EnrichedRows.records(batch.sparkSession(), latestRecords),
                    NeighborhoodTable.SCHEMA,
                    new EnrichedRows(profiles, batchId, processedAt));
            sink.write(batchId, incoming, latest.value().ids(), rejected);
            outcome.published(batchId, latest.value().ids().length, versions.undecodable());
        } finally {
            if (latest != null) {
                latest.destroy();
            }
            decoded.unpersist();
        }
    }
}
