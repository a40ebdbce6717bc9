package org.popsurvey.enricher.testing;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericContainer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.serde.ConfluentAvroSerializer;

/**
 * Writes records to a clean topic as the validator does: key = Id as text, value =
 * Confluent-framed Avro through the real registry (registry-serde's serializer).
 */
public final class CleanTopic implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, GenericContainer> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private final ConfluentAvroSerializer<GenericContainer> serializer;

    public CleanTopic(String bootstrapServers, String registryUrl, String topic) {
        this.topic = topic;
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true);
        this.serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), serializer);
        this.rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static PopulationRecord record(
            int id, String name, long estimate, Double moe, MarginOfErrorStatus status, long line) {
        return PopulationRecord.newBuilder()
                .setId(id)
                .setNeighborhood(name)
                .setEstimate(estimate)
                .setMarginOfError(moe)
                .setMarginOfErrorStatus(status)
                .setLineage(SourceLineage.newBuilder()
                        .setSourceFile("total-population.csv")
                        .setLineNumber(line)
                        .setBatchNumber((int) (line / 100) + 1)
                        .setProducerRunId("test-run")
                        .setReadTimestamp(Instant.parse("2026-01-02T03:04:05Z"))
                        .build())
                .build();
    }

    /** The 91 real rows as the validator would emit them. */
    public static List<PopulationRecord> realRecords(Path totalPopulationCsv) throws Exception {
        List<PopulationRecord> records = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(totalPopulationCsv)) {
            for (CSVRecord row : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(reader)) {
                records.add(record(
                        Integer.parseInt(row.get("Id")),
                        row.get("Neighborhood"),
                        (long) Double.parseDouble(row.get("Estimate; Total")),
                        Double.parseDouble(row.get("Margin of Error; Total")),
                        MarginOfErrorStatus.MEASURED,
                        row.getRecordNumber() + 1));
            }
        }
        return records;
    }

    public RecordMetadata send(GenericContainer value, int id) {
        return await(producer.send(new ProducerRecord<>(topic, Integer.toString(id), value)));
    }

    /**
     * {@code value} framed with its registered schema id, its Avro body then cut by {@code bytes}:
     * a header any reader accepts, a body none can decode.
     */
    public RecordMetadata sendTruncated(GenericContainer value, int id, int bytes) {
        byte[] framed = serializer.serialize(topic, value);
        return sendRaw(Integer.toString(id), java.util.Arrays.copyOf(framed, framed.length - bytes));
    }

    /** {@code value} as the validator writes it: Confluent-framed Avro under its registered schema id. */
    public byte[] framed(GenericContainer value) {
        return serializer.serialize(topic, value);
    }

    public RecordMetadata sendRaw(String key, byte[] value) {
        return await(rawProducer.send(new ProducerRecord<>(topic, key, value)));
    }

    /** Sends without waiting for each acknowledgement (call {@link #flush()} after). */
    public void sendAsync(GenericContainer value, int id) {
        producer.send(new ProducerRecord<>(topic, Integer.toString(id), value));
    }

    private static RecordMetadata await(Future<RecordMetadata> sent) {
        try {
            return sent.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    public void sendAll(List<PopulationRecord> records) {
        records.forEach(r -> sendAsync(r, r.getId()));
        flush();
    }

    public void flush() {
        producer.flush();
        rawProducer.flush();
    }

    @Override
    public void close() {
        producer.close();
        rawProducer.close();
    }
}
