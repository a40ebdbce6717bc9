package org.popsurvey.producer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic back and decodes every value independently of the project's serde: the schema
 * comes from a plain GET of the registry's Confluent API and the body from Avro's own reader.
 */
final class RawTopicReader {

    record Decoded(String key, int schemaId, long timestamp, GenericRecord value) {
        String cell(String field) {
            Object v = value.get(field);
            return v == null ? null : v.toString();
        }

        GenericRecord lineage() {
            return (GenericRecord) value.get("lineage");
        }
    }

    private final String bootstrapServers;
    private final String registryUrl;
    private final Map<Integer, Schema> schemas = new HashMap<>();

    RawTopicReader(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /**
     * Every committed record now on the topic: reads each partition from the beginning up to the
     * end offset it had when the call started (no consumer group, so no rebalance to wait for).
     */
    List<Decoded> readAll(String topic) throws IOException, InterruptedException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Decoded> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + end + " within 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        records.add(decode(record));
                    }
                }
            }
        }
        return records;
    }

    private Decoded decode(ConsumerRecord<String, byte[]> record) throws IOException, InterruptedException {
        ByteBuffer value = ByteBuffer.wrap(record.value());
        if (value.get() != 0) {
            throw new AssertionError("not Confluent-framed at offset " + record.offset());
        }
        int id = value.getInt();
        Schema schema = schemas.containsKey(id) ? schemas.get(id) : fetch(id);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
        return new Decoded(record.key(), id, record.timestamp(), decoded);
    }

    private Schema fetch(int id) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(registryUrl + "/schemas/ids/" + id))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("registry answered " + response.statusCode() + " for schema id " + id);
        }
        Schema schema = new Schema.Parser()
                .parse(new ObjectMapper()
                        .readTree(response.body())
                        .path("schema")
                        .asText());
        schemas.put(id, schema);
        return schema;
    }
}
