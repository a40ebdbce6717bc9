package org.popsurvey.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;

/**
 * {@code stack up --hdfs}, {@code status} and {@code down} end to end, on free ports: the broker,
 * registry, NameNode and DataNode are real processes, used through their real client APIs. One
 * stack serves every check, to keep the build short.
 */
class LocalStackIT {

    private static final String AVRO_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void leaveNothingRunning() {
        // Only acts if an assertion failed before `down`.
        LocalStack.attach(StackSettings.builder(stateDir).hdfs(true).build(), Runtimes.locate(RepoRoot.find()))
                .stop();
    }

    @Test
    void upServesKafkaAndTheConfluentRegistryApiUntilDown() throws Exception {
        List<Integer> ports = Ports.freePorts(5);
        String[] portOptions = {
            "--kafka-port",
            ports.get(0).toString(),
            "--controller-port",
            ports.get(1).toString(),
            "--registry-port",
            ports.get(2).toString(),
            "--hdfs",
            "--namenode-port",
            ports.get(3).toString(),
            "--namenode-http-port",
            ports.get(4).toString(),
            "--state-dir",
            stateDir.toString()
        };
        String bootstrap = "127.0.0.1:" + ports.get(0);
        String registryUrl = "http://127.0.0.1:" + ports.get(2) + "/apis/ccompat/v7";
        String hdfsUri = "hdfs://127.0.0.1:" + ports.get(3);

        CommandRun up = CommandRun.stack(concat("up", portOptions));
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out())
                .contains(
                        "--bootstrap-servers " + bootstrap,
                        "--schema-registry-url " + registryUrl,
                        "HDFS: " + hdfsUri,
                        "State and logs: " + stateDir.toAbsolutePath());

        CommandRun status = CommandRun.stack("status", "--state-dir", stateDir.toString());
        assertThat(status.exitCode()).as(status.out()).isZero();
        assertThat(status.out())
                .containsPattern("kafka-broker +running +pid \\d+ +" + Pattern.quote(bootstrap) + ".* reachable")
                .containsPattern("schema-registry +running +pid \\d+ +" + Pattern.quote(registryUrl) + ".* reachable")
                .containsPattern("hdfs-namenode +running +pid \\d+ +" + Pattern.quote(hdfsUri) + ".* reachable")
                .containsPattern("hdfs-datanode +running +pid \\d+ .* reachable");
        List<Long> pids = pidsIn(status.out());
        assertThat(pids).hasSize(4);

        assertRecordRoundTrip(bootstrap);
        assertRegistryRoundTripAndBackwardCompatibility(registryUrl);
        assertHdfsFileRoundTrip(hdfsUri);

        CommandRun down = CommandRun.stack("down", "--state-dir", stateDir.toString());
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out())
                .contains(
                        "kafka-broker     stopped",
                        "schema-registry  stopped",
                        "hdfs-namenode    stopped",
                        "hdfs-datanode    stopped");
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("pid " + pid + " after down")
                    .isEmpty();
        }
        assertThat(Leftovers.processesOf(stateDir)).isEmpty();
        assertThat(Ports.isFree(ports.get(0))).isTrue();
        assertThat(Ports.isFree(ports.get(2))).isTrue();
        assertThat(Files.exists(stateDir.resolve("logs").resolve("kafka-broker.log")))
                .as("logs are kept")
                .isTrue();

        CommandRun statusAfter = CommandRun.stack("status", "--state-dir", stateDir.toString());
        assertThat(statusAfter.exitCode()).isEqualTo(1);
        assertThat(statusAfter.out())
                .containsPattern("kafka-broker +stopped")
                .containsPattern("schema-registry +stopped")
                .containsPattern("hdfs-namenode +stopped");
    }

    private void assertHdfsFileRoundTrip(String hdfsUri) throws Exception {
        String content =
                "Id,Id2,Geography,Estimate; Total\n1400000US01001020100,01001020100,\"Census Tract 201\",1948\n";
        Configuration conf = new Configuration(false);
        conf.set("dfs.replication", "1");
        try (FileSystem fs = FileSystem.newInstance(URI.create(hdfsUri), conf)) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/popsurvey/it/reference.csv");
            try (OutputStream out = fs.create(file)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            FileStatus written = fs.getFileStatus(file);
            assertThat(written.getLen()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
            assertThat(written.getReplication()).isEqualTo((short) 1);
            try (InputStream in = fs.open(file)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(content);
            }
        }
    }

    private void assertRecordRoundTrip(String bootstrap) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic("stack-it", 1, (short) 1)))
                    .all()
                    .get();
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("stack-it", "1400000US01001020100", "Census Tract 201, Autauga County"))
                    .get();
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-it");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("stack-it"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("1400000US01001020100");
            assertThat(r.value()).isEqualTo("Census Tract 201, Autauga County");
        });
    }

    private void assertRegistryRoundTripAndBackwardCompatibility(String registryUrl) throws Exception {
        String v1 = "{\"type\":\"record\",\"name\":\"Tract\",\"namespace\":\"org.popsurvey.it\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"}]}";
        HttpResponse<String> registered =
                post(registryUrl + "/subjects/stack-it-value/versions", "{\"schema\":" + json(v1) + "}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(registered.body());
        assertThat(id.find()).as(registered.body()).isTrue();

        HttpResponse<String> byId = http.send(
                HttpRequest.newBuilder(URI.create(registryUrl + "/schemas/ids/" + id.group(1)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).contains("Tract", "org.popsurvey.it", "\\\"id\\\"");

        HttpResponse<String> config = http.send(
                HttpRequest.newBuilder(URI.create(registryUrl + "/config/stack-it-value"))
                        .header("Content-Type", AVRO_CONTENT_TYPE)
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);

        // A new required field without a default cannot read old data: not BACKWARD compatible.
        String incompatible = "{\"type\":\"record\",\"name\":\"Tract\",\"namespace\":\"org.popsurvey.it\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"estimate\",\"type\":\"long\"}]}";
        HttpResponse<String> refused =
                post(registryUrl + "/subjects/stack-it-value/versions", "{\"schema\":" + json(incompatible) + "}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);

        String compatible = "{\"type\":\"record\",\"name\":\"Tract\",\"namespace\":\"org.popsurvey.it\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"estimate\",\"type\":[\"null\",\"long\"],\"default\":null}]}";
        assertThat(post(registryUrl + "/subjects/stack-it-value/versions", "{\"schema\":" + json(compatible) + "}")
                        .statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", AVRO_CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<Long> pidsIn(String statusOutput) {
        List<Long> pids = new ArrayList<>();
        Matcher matcher = Pattern.compile("running +pid (\\d+)").matcher(statusOutput);
        while (matcher.find()) {
            pids.add(Long.parseLong(matcher.group(1)));
        }
        return pids;
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
