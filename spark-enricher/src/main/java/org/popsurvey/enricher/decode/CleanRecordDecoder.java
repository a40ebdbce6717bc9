package org.popsurvey.enricher.decode;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
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
 * an unreachable registry fails the batch, because that is not the record's fault.
 *
 * <p>Versions of an Id that a later record in the same task supersedes are dropped here already
 * ({@link LatestPerIdIterator}), before their full decode: each value is first read for its Id
 * alone ({@link RegistryDecoders#ids()}), which parses all of it, so a malformed one is still
 * caught and kept, but builds no strings, timestamps or nested records for the nine versions in
 * ten that a backfill supersedes.
 *
 * <p>Rows in and out are Spark's internal rows: a micro-batch of a million Kafka records would
 * otherwise be converted to external {@code Row} objects and back, which cost as much as the Id
 * parse itself.
 */
public final class CleanRecordDecoder implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

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

    /** The decoded records ({@link DecodedRecord#SCHEMA}) of a micro-batch of the clean topic ({@link #KAFKA_COLUMNS}). */
    public static Dataset<Row> decode(Dataset<Row> kafka, Map<String, String> registryConfig) {
        return kafka.sparkSession().internalCreateDataFrame(kafka.queryExecution().toRdd().toJavaRDD()
                .mapPartitions(new CleanRecordDecoder(registryConfig)).rdd(), DecodedRecord.SCHEMA, false);
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> input) {
        RegistryDecoders decoders = RegistryDecoders.forConfig(registryConfig);
        Iterator<PeekedRecord> latest = new LatestPerIdIterator(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public PeekedRecord next() {
                // A copy: the Kafka source reuses one row buffer, and superseded versions are held.
                return peek(decoders, input.next().copy());
            }
        }, HELD_RECORDS);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return latest.hasNext();
            }

            @Override
            public InternalRow next() {
                PeekedRecord record = latest.next();
                return record.error() == null ? decode(decoders.records(), record.kafka())
                        : undecodable(record.kafka(), record.error());
            }
        };
    }

    static PeekedRecord peek(RegistryDecoders decoders, InternalRow kafka) {
        try {
            GenericRecord id = decoders.ids().decode(value(kafka));
            return new PeekedRecord(kafka, (Integer) id.get(RegistryDecoders.ID_FIELD), null);
        } catch (PoisonPillException e) {
            return new PeekedRecord(kafka, null, e);
        } catch (SchemaRegistryException e) {
            throw registryFailure(kafka, e);
        }
    }

    static InternalRow decode(ConfluentAvroDecoder<PopulationRecord> decoder, InternalRow kafka) {
        // Positions of KAFKA_COLUMNS (the job selects them in this order); no name lookups per record.
        byte[] value = value(kafka);
        try {
            PopulationRecord record = decoder.decode(value);
            SourceLineage lineage = record.getLineage();
            MarginOfErrorStatus status = record.getMarginOfErrorStatus();
            // A controlled estimate has no sampling error: its MOE is 0 (see AcsCell).
            Double moe = status == MarginOfErrorStatus.CONTROLLED ? Double.valueOf(0.0) : record.getMarginOfError();
            return new GenericInternalRow(new Object[] {record.getId(), text(record.getNeighborhood()),
                record.getEstimate(), moe, text(status.name()), text(lineage.getSourceFile()), lineage.getLineNumber(),
                lineage.getBatchNumber(), text(lineage.getProducerRunId()),
                DateTimeUtils.instantToMicros(lineage.getReadTimestamp()), topic(kafka), partition(kafka),
                offset(kafka), timestamp(kafka), keyText(kafka), WireFormat.schemaId(value), null, null});
        } catch (PoisonPillException e) {
            return undecodable(kafka, e);
        } catch (SchemaRegistryException e) {
            throw registryFailure(kafka, e);
        }
    }

    private static InternalRow undecodable(InternalRow kafka, PoisonPillException e) {
        LOG.error("Undecodable value at {} partition {} offset {}: {} (kept in rejected/)", topic(kafka),
                partition(kafka), offset(kafka), e.getMessage());
        Integer schemaId = e.schemaId() >= 0 ? e.schemaId() : null;
        return new GenericInternalRow(new Object[] {null, null, null, null, null, null, null, null, null, null,
            topic(kafka), partition(kafka), offset(kafka), timestamp(kafka), keyText(kafka), schemaId,
            text(e.getMessage()), value(kafka)});
    }

    private static CommandFailedException registryFailure(InternalRow kafka, SchemaRegistryException e) {
        return new CommandFailedException("Cannot decode " + topic(kafka) + " partition " + partition(kafka)
                + " offset " + offset(kafka) + ": " + e.getMessage(), e);
    }

    private static byte[] value(InternalRow kafka) {
        return kafka.isNullAt(PeekedRecord.VALUE) ? null : kafka.getBinary(PeekedRecord.VALUE);
    }

    private static UTF8String topic(InternalRow kafka) {
        return kafka.getUTF8String(PeekedRecord.TOPIC);
    }

    private static int partition(InternalRow kafka) {
        return kafka.getInt(PeekedRecord.PARTITION);
    }

    private static long offset(InternalRow kafka) {
        return kafka.getLong(PeekedRecord.OFFSET);
    }

    /** Kafka's timestamp, in Spark's internal form (microseconds), or null. */
    private static Long timestamp(InternalRow kafka) {
        return kafka.isNullAt(PeekedRecord.TIMESTAMP) ? null : kafka.getLong(PeekedRecord.TIMESTAMP);
    }

    private static UTF8String keyText(InternalRow kafka) {
        return kafka.isNullAt(PeekedRecord.KEY) ? null
                : UTF8String.fromString(new String(kafka.getBinary(PeekedRecord.KEY), StandardCharsets.UTF_8));
    }

    private static UTF8String text(String value) {
        return value == null ? null : UTF8String.fromString(value);
    }
}
