package org.popsurvey.enricher.decode;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.enricher.latest.LatestPerIdIterator;
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
 * an unreachable registry fails the batch, because that is not the record's fault.
 *
 * <p>Versions of an Id that a later record in the same task supersedes are dropped here already
 * ({@link LatestPerIdIterator}), before their full decode: each value is first read for its Id
 * alone ({@link RegistryDecoders#ids()}), which parses all of it, so a malformed one is still
 * caught and kept, but builds no strings, timestamps or nested records for the nine versions in
 * ten that a backfill supersedes.
 */
public final class CleanRecordDecoder implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CleanRecordDecoder.class);

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
        RegistryDecoders decoders = RegistryDecoders.forConfig(registryConfig);
        Iterator<PeekedRecord> latest = new LatestPerIdIterator<>(
                new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return input.hasNext();
                    }

                    @Override
                    public PeekedRecord next() {
                        return peek(decoders, input.next());
                    }
                },
                HELD_RECORDS);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return latest.hasNext();
            }

            @Override
            public Row next() {
                PeekedRecord record = latest.next();
                return record.error() == null
                        ? decode(decoders.records(), record.kafka())
                        : undecodable(record.kafka(), record.error());
            }
        };
    }

    static PeekedRecord peek(RegistryDecoders decoders, Row kafka) {
        try {
            GenericRecord id = decoders.ids().decode(value(kafka));
            return new PeekedRecord(kafka, (Integer) id.get(RegistryDecoders.ID_FIELD), null);
        } catch (PoisonPillException e) {
            return new PeekedRecord(kafka, null, e);
        } catch (SchemaRegistryException e) {
            throw registryFailure(kafka, e);
        }
    }

    static Row decode(ConfluentAvroDecoder<PopulationRecord> decoder, Row kafka) {
        // Positions of KAFKA_COLUMNS (the job selects them in this order); no name lookups per record.
        byte[] value = value(kafka);
        try {
            PopulationRecord record = decoder.decode(value);
            SourceLineage lineage = record.getLineage();
            MarginOfErrorStatus status = record.getMarginOfErrorStatus();
            // A controlled estimate has no sampling error: its MOE is 0 (see AcsCell).
            Double moe = status == MarginOfErrorStatus.CONTROLLED ? Double.valueOf(0.0) : record.getMarginOfError();
            return RowFactory.create(
                    record.getId(),
                    record.getNeighborhood(),
                    record.getEstimate(),
                    moe,
                    status.name(),
                    lineage.getSourceFile(),
                    lineage.getLineNumber(),
                    lineage.getBatchNumber(),
                    lineage.getProducerRunId(),
                    Timestamp.from(lineage.getReadTimestamp()),
                    kafka.getString(PeekedRecord.TOPIC),
                    kafka.getInt(PeekedRecord.PARTITION),
                    kafka.getLong(PeekedRecord.OFFSET),
                    timestamp(kafka),
                    keyText(kafka),
                    WireFormat.schemaId(value),
                    null,
                    null);
        } catch (PoisonPillException e) {
            return undecodable(kafka, e);
        } catch (SchemaRegistryException e) {
            throw registryFailure(kafka, e);
        }
    }

    private static Row undecodable(Row kafka, PoisonPillException e) {
        String topic = kafka.getString(PeekedRecord.TOPIC);
        int partition = kafka.getInt(PeekedRecord.PARTITION);
        long offset = kafka.getLong(PeekedRecord.OFFSET);
        log.error(
                "Undecodable value at {} partition {} offset {}: {} (kept in rejected/)",
                topic,
                partition,
                offset,
                e.getMessage());
        Integer schemaId = e.schemaId() >= 0 ? e.schemaId() : null;
        return RowFactory.create(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                topic,
                partition,
                offset,
                timestamp(kafka),
                keyText(kafka),
                schemaId,
                e.getMessage(),
                value(kafka));
    }

    private static CommandFailedException registryFailure(Row kafka, SchemaRegistryException e) {
        return new CommandFailedException(
                "Cannot decode " + kafka.getString(PeekedRecord.TOPIC) + " partition "
                        + kafka.getInt(PeekedRecord.PARTITION) + " offset " + kafka.getLong(PeekedRecord.OFFSET) + ": "
                        + e.getMessage(),
                e);
    }

    private static byte[] value(Row kafka) {
        return kafka.isNullAt(PeekedRecord.VALUE) ? null : (byte[]) kafka.get(PeekedRecord.VALUE);
    }

    private static Timestamp timestamp(Row kafka) {
        return kafka.isNullAt(PeekedRecord.TIMESTAMP) ? null : kafka.getTimestamp(PeekedRecord.TIMESTAMP);
    }

    private static String keyText(Row kafka) {
        return kafka.isNullAt(PeekedRecord.KEY)
                ? null
                : new String((byte[]) kafka.get(PeekedRecord.KEY), StandardCharsets.UTF_8);
    }
}
