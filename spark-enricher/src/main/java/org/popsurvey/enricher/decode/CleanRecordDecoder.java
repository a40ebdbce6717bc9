package org.popsurvey.enricher.decode;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.registry.SchemaRegistryException;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.serde.PoisonPillException;
import org.popsurvey.serde.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Kafka rows ({@code key, value, topic, partition, offset, timestamp}) of the clean topic
 * into {@link DecodedRecord#SCHEMA}: strips the Confluent header and resolves the writer schema
 * named by its id (fetched from the registry) to today's {@link PopulationRecord}, so records
 * written with an older compatible schema decode correctly. A value that is not decodable becomes a
 * row with {@link DecodedRecord#DECODE_ERROR} set (it is kept in {@code rejected/}, never dropped);
 * an unreachable registry fails the batch, because that is not the record's fault. Versions of an Id
 * that a later record in the same task supersedes are dropped here already ({@link LatestPerIdIterator}).
 */
public final class CleanRecordDecoder implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CleanRecordDecoder.class);

    /**
     * Records a task holds while dropping superseded versions ({@link LatestPerIdIterator}): a few
     * hundred bytes each, so tens of MB per task at most.
     */
    static final int HELD_RECORDS = 50_000;

    /** The Kafka source's columns the decoder reads, in this order. */
    public static final String[] KAFKA_COLUMNS = {"key", "value", "topic", "partition", "offset", "timestamp"};

    private final HashMap<String, String> registryConfig;

    public CleanRecordDecoder(Map<String, String> registryConfig) {
        this.registryConfig = new HashMap<>(registryConfig);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return new LatestPerIdIterator(decodeAll(input), HELD_RECORDS);
    }

    private Iterator<Row> decodeAll(Iterator<Row> input) {
        ConfluentAvroDecoder<PopulationRecord> decoder = RegistryDecoders.forConfig(registryConfig);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public Row next() {
                return decode(decoder, input.next());
            }
        };
    }

    static Row decode(ConfluentAvroDecoder<PopulationRecord> decoder, Row kafka) {
        // Positions of KAFKA_COLUMNS (the job selects them in this order); no name lookups per record.
        byte[] key = kafka.isNullAt(0) ? null : (byte[]) kafka.get(0);
        byte[] value = kafka.isNullAt(1) ? null : (byte[]) kafka.get(1);
        String topic = kafka.getString(2);
        int partition = kafka.getInt(3);
        long offset = kafka.getLong(4);
        Timestamp timestamp = kafka.isNullAt(5) ? null : kafka.getTimestamp(5);
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        try {
            PopulationRecord record = decoder.decode(value);
            SourceLineage lineage = record.getLineage();
            MarginOfErrorStatus status = record.getMarginOfErrorStatus();
            // A controlled estimate has no sampling error: its MOE is 0 (see AcsCell).
            Double moe = status == MarginOfErrorStatus.CONTROLLED ? Double.valueOf(0.0) : record.getMarginOfError();
            return RowFactory.create(record.getId(), record.getNeighborhood(), record.getEstimate(), moe,
                    status.name(), lineage.getSourceFile(), lineage.getLineNumber(), lineage.getBatchNumber(),
                    lineage.getProducerRunId(), Timestamp.from(lineage.getReadTimestamp()),
                    topic, partition, offset, timestamp, keyText, WireFormat.schemaId(value), null, null);
        } catch (PoisonPillException e) {
            LOG.error("Undecodable value at {} partition {} offset {}: {} (kept in rejected/)", topic, partition,
                    offset, e.getMessage());
            Integer schemaId = e.schemaId() >= 0 ? e.schemaId() : null;
            return RowFactory.create(null, null, null, null, null, null, null, null, null, null,
                    topic, partition, offset, timestamp, keyText, schemaId, e.getMessage(), value);
        } catch (SchemaRegistryException e) {
            throw new CommandFailedException("Cannot decode " + topic + " partition " + partition + " offset " + offset
                    + ": " + e.getMessage(), e);
        }
    }
}
