package org.popsurvey.stack.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.LaunchMode;

/**
 * The secured stack ({@code stack up --secure}) refuses what its ACLs and registry roles do not
 * allow, at the broker and the registry themselves; the pipeline's commands on it are in the
 * demo module's SecurePipelineIT. One stack for every check, to keep the build short.
 */
class SecureStackIT {

    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}";
    private static Path stateDir;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stateDir = Files.createTempDirectory("popsurvey-secure-stack-");
        stack = LocalStack.startOnFreePorts(
                StackSettings.builder(stateDir)
                        .launchMode(LaunchMode.TIED)
                        .deleteStateOnStop(true)
                        .secure(true),
                Runtimes.locate(RepoRoot.find()));
        // As the validator would at its start (it may create them; the producer may not).
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createTopics(Stream.of(StackAcls.RAW_TOPIC, StackAcls.CLEAN_TOPIC, StackAcls.DEAD_LETTER_TOPIC)
                            .map(topic -> new NewTopic(topic, 1, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static Properties adminConfig() {
        Properties config = new Properties();
        stack.secure().orElseThrow().kafkaClientConfig(Principal.ADMIN).forEach(config::put);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return config;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void eachPrincipalHasAnOwnerOnlyClientFileWithItsOwnCredentials() throws Exception {
        for (Principal principal : Principal.values()) {
            Path file = stack.secure().orElseThrow().clientConfig(principal);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            Properties config = load(file);
            assertThat(config.getProperty("bootstrap.servers")).isEqualTo(stack.bootstrapServers());
            assertThat(config.getProperty("schema.registry.url")).startsWith("https://127.0.0.1:");
            assertThat(config.getProperty("security.protocol")).isEqualTo("SASL_SSL");
            assertThat(config.getProperty("basic.auth.user.info")).startsWith(principal.userName() + ":");
        }
    }

    @Test
    void theProducerWritesTheRawTopicButNotTheCleanOne() throws Exception {
        try (KafkaProducer<String, String> producer = producer(Principal.PRODUCER, Map.of())) {
            assertThat(producer.send(new ProducerRecord<>(StackAcls.RAW_TOPIC, "k", "v"))
                            .get(30, TimeUnit.SECONDS)
                            .offset())
                    .isZero();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(StackAcls.CLEAN_TOPIC, "k", "v"))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theEnricherCannotWriteAnyTopic() {
        try (KafkaProducer<String, String> producer = producer(Principal.ENRICHER, Map.of())) {
            for (String topic : List.of(StackAcls.RAW_TOPIC, StackAcls.CLEAN_TOPIC, StackAcls.DEAD_LETTER_TOPIC)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v"))
                                .get(30, TimeUnit.SECONDS))
                        .as(topic)
                        // The topic refused, or already the producer id its idempotence asks for first.
                        .hasCauseInstanceOf(AuthorizationException.class);
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheBroker() {
        Map<String, Object> wrong = Map.of(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"producer\" "
                        + "password=\"not-the-password\";");
        try (KafkaProducer<String, String> producer = producer(Principal.PRODUCER, wrong)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(StackAcls.RAW_TOPIC, "k", "v"))
                            .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNoAnswerFromTheBroker() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        try (Admin admin = Admin.create(config)) {
            // The admin's own 5 s timeout ends the call; the bound here is only a safety net.
            assertThatThrownBy(() -> admin.listTopics().names().get(120, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void theRegistryAnswersOnlyHttpsWithCredentialsAndOnlyAdminRegisters() throws Exception {
        String url = load(stack.secure().orElseThrow().clientConfig(Principal.PRODUCER))
                .getProperty("schema.registry.url");
        HttpClient https = HttpClient.newBuilder().sslContext(trust()).build();
        String subjects = url + "/subjects";

        assertThat(send(https, get(subjects, null))).isEqualTo(401);
        String wrongPassword = "Basic "
                + Base64.getEncoder().encodeToString("producer:not-the-password".getBytes(StandardCharsets.UTF_8));
        assertThat(send(https, get(subjects, wrongPassword))).isEqualTo(401);
        assertThat(send(https, get(subjects, basic(Principal.PRODUCER)))).isEqualTo(200);
        String versions = url + "/subjects/secure-it-value/versions";
        assertThat(send(https, post(versions, basic(Principal.VALIDATOR)))).isEqualTo(403);
        assertThat(send(https, post(versions, basic(Principal.ADMIN)))).isEqualTo(200);
        assertThatThrownBy(() -> send(HttpClient.newHttpClient(), get(subjects.replace("https:", "http:"), null)))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void noPasswordAppearsInAnyLogOfTheStack() throws Exception {
        List<String> secrets = new ArrayList<>();
        Properties all = load(stateDir.resolve(SecureStack.DIR).resolve(SecureStack.SECRETS_FILE));
        all.values().forEach(value -> secrets.add(value.toString()));
        assertThat(secrets).hasSize(Principal.values().length + 2);
        try (Stream<Path> logs = Files.list(stack.settings().logDir())) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertThat(text).as(log.toString()).doesNotContain(secret);
                }
            }
        }
    }

    private static KafkaProducer<String, String> producer(Principal principal, Map<String, Object> overrides)
            throws RuntimeException {
        Properties config = new Properties();
        stack.secure().orElseThrow().kafkaClientConfig(principal).forEach(config::put);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static String basic(Principal principal) throws Exception {
        String userInfo =
                load(stack.secure().orElseThrow().clientConfig(principal)).getProperty("basic.auth.user.info");
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest get(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.GET().build();
    }

    private static HttpRequest post(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization)
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(SCHEMA))
                .build();
    }

    private static int send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static SSLContext trust() throws Exception {
        TlsMaterial tls = stack.secure().orElseThrow().tls();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(tls.truststore())) {
            store.load(in, tls.truststorePassword().toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
