package org.popsurvey.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RealKafkaStackIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    @Test
    void endpointsAreOnLoopback() {
        assertThat(STACK.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(STACK.schemaRegistryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
    }

    @Test
    void recordRoundTripsThroughTheBroker() throws Exception {
        STACK.createTopic("testkit.roundtrip", 2);
        STACK.createTopic("testkit.roundtrip", 2); // idempotent

        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = Clients.producer(STACK.bootstrapServers())) {
            sent = producer.send(new ProducerRecord<>("testkit.roundtrip", "0600000US0100000001", "Census Tract 1"))
                    .get();
        }
        List<ConsumerRecord<String, String>> received =
                Clients.consumeAll(STACK.bootstrapServers(), "testkit.roundtrip", 1);

        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo("0600000US0100000001");
        assertThat(received.get(0).value()).isEqualTo("Census Tract 1");
        assertThat(received.get(0).partition()).isEqualTo(sent.partition());
        assertThat(received.get(0).offset()).isEqualTo(sent.offset());
    }

    @Test
    void createTopicRefusesAnotherPartitionCount() {
        STACK.createTopic("testkit.partitions", 3);

        assertThatThrownBy(() -> STACK.createTopic("testkit.partitions", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists with 3 partitions, not 1");
    }

    @Test
    void registryServesTheConfluentApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String schema = "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"org.popsurvey.testkit\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
        String body = "{\"schema\":" + jsonString(schema) + "}";

        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(URI.create(STACK.schemaRegistryUrl() + "/subjects/testkit-probe-value/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        String id = registered.body().replaceAll("\\D+", "");

        HttpResponse<String> byId = http.send(
                HttpRequest.newBuilder(URI.create(STACK.schemaRegistryUrl() + "/schemas/ids/" + id))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).contains("org.popsurvey.testkit").contains("Probe");
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Plain string clients for the tests. */
    static final class Clients {

        static KafkaProducer<String, String> producer(String bootstrapServers) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            // Fail fast when the broker is down instead of blocking a minute for metadata.
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }

        /** Reads {@code topic} from the beginning until {@code expected} records arrived or 30 s passed. */
        static List<ConsumerRecord<String, String>> consumeAll(String bootstrapServers, String topic, int expected) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + topic + "-" + System.nanoTime());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // Like every consumer of the project's: records of aborted transactions are never counted.
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.size() < expected && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            }
            return records;
        }

        static Map<String, String> keyValues(List<ConsumerRecord<String, String>> records) {
            Map<String, String> values = new LinkedHashMap<>();
            records.forEach(r -> values.put(r.key(), r.value()));
            return values;
        }

        private Clients() {}
    }
}
