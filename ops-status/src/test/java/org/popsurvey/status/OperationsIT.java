package org.popsurvey.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.datagen.DatagenCommand;
import org.popsurvey.deadletter.DeadLetter;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.producer.ProduceCommand;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.testkit.PrometheusText;
import org.popsurvey.testkit.RealKafkaStack;
import picocli.CommandLine;

/**
 * The validator and the enricher as real processes with {@code --http-port}, on the real broker,
 * registry and Spark: both {@code /metrics} scraped and parsed strictly, their counts checked
 * against the topics themselves; readiness across a validator and an enricher restart; {@code status} on a healthy
 * pipeline, with the enricher stopped, and with the registry unreachable.
 */
class OperationsIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static final Duration START = Duration.ofMinutes(3);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Pattern ALERT_METRIC = Pattern.compile("\\b(popsurvey_[a-z_]+|kafka_[a-z_]+)\\b");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
    }

    @Test
    void metricsAddUpToTheTopicsReadinessFollowsARestartAndStatusNamesWhatIsDown() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String raw = "ops-raw-" + run;
        String clean = "ops-clean-" + run;
        String dlq = "ops-dlq-" + run;
        String app = "ops-validator-" + run;
        STACK.createTopic(raw, 2);
        Path data = generateData();
        List<Integer> ports = Ports.freePorts(3);
        URI validatorUrl = URI.create("http://127.0.0.1:" + ports.get(0));
        URI enricherUrl = URI.create("http://127.0.0.1:" + ports.get(1));
        List<String> validatorArgs = List.of(
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl(),
                "--input-topic",
                raw,
                "--clean-topic",
                clean,
                "--dlq-topic",
                dlq,
                "--application-id",
                app,
                "--state-dir",
                dir.resolve("state").toString(),
                "--http-port",
                ports.get(0).toString(),
                "--http-host",
                "127.0.0.1");
        ChildJvm validator = child(ChildJvm.validator(dir.resolve("validator.log"), validatorArgs));
        awaitReady(validator, validatorUrl);

        long produced = produce(data.resolve(SourceFile.TOTAL_POPULATION.fileName()), raw);
        Path output = dir.resolve("out");
        List<String> enricherArgs = List.of(
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl(),
                "--topic",
                clean,
                "--reference-dir",
                data.toString(),
                "--output",
                output.toString(),
                "--trigger",
                "2s",
                "--http-port",
                ports.get(1).toString(),
                "--http-host",
                "127.0.0.1");
        ChildJvm enricher = child(ChildJvm.enricher(dir.resolve("enricher.log"), enricherArgs));
        awaitReady(enricher, enricherUrl);

        List<String> statusArgs = List.of(
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl(),
                "--raw-topic",
                raw,
                "--clean-topic",
                clean,
                "--dlq-topic",
                dlq,
                "--application-id",
                app,
                "--output",
                output.toString(),
                "--validator-url",
                validatorUrl.toString(),
                "--enricher-url",
                enricherUrl.toString(),
                "--max-lag",
                "0");
        // Healthy: every row validated (group lag 0) and every clean record in a committed batch (enricher lag 0).
        await().atMost(START)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> status(statusArgs, "--json").exit() == 0);
        Status healthy = status(statusArgs, "--json");
        JsonNode report = new ObjectMapper().readTree(healthy.out());
        assertThat(report.path("problems")).isEmpty();
        assertThat(report.path("validator").path("total").asLong()).isZero();
        assertThat(report.path("enricher").path("lag").path("total").asLong()).isZero();
        assertThat(report.path("neighborhoods").path("rows").asLong()).isEqualTo(91);
        assertThat(report.path("registry").path("subjects").path(raw + "-value").asInt())
                .isEqualTo(1);

        List<ConsumerRecord<byte[], byte[]>> cleanRecords = CommittedRecords.of(STACK.bootstrapServers(), clean);
        List<DeadLetter> deadLetters = CommittedRecords.of(STACK.bootstrapServers(), dlq).stream()
                .map(DeadLetter::of)
                .toList();
        assertThat(report.path("dead_letters").path("total").asLong()).isEqualTo(deadLetters.size());
        assertThat(report.path("dead_letters").path("recent").asLong()).isEqualTo(deadLetters.size());

        PrometheusText.Exposition validatorMetrics = scrape(validatorUrl);
        Map<String, Long> codesOnTopic = new HashMap<>();
        Map<String, Long> stagesOnTopic = new HashMap<>();
        for (DeadLetter letter : deadLetters) {
            letter.codes().forEach(code -> codesOnTopic.merge(code, 1L, Long::sum));
            stagesOnTopic.merge(letter.header(DeadLetterHeaders.STAGE).orElseThrow(), 1L, Long::sum);
        }
        assertThat(codesOnTopic)
                .containsEntry("ESTIMATE_NEGATIVE", 1L)
                .containsEntry("ESTIMATE_NOT_WHOLE", 2L)
                .containsEntry("CONFLICTING_RESEND", 1L)
                .containsEntry("CELL_COUNT_MISMATCH", 1L);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(validatorMetrics.value(
                            "popsurvey_validator_dead_letter_codes_total", Map.of("code", code.name())))
                    .as(code.name())
                    .isEqualTo(codesOnTopic.getOrDefault(code.name(), 0L).doubleValue());
        }
        for (Map.Entry<String, Long> stage : stagesOnTopic.entrySet()) {
            assertThat(validatorMetrics.value(
                            "popsurvey_validator_records_dead_lettered_total", Map.of("stage", stage.getKey())))
                    .isEqualTo(stage.getValue().doubleValue());
        }
        double processed = validatorMetrics.value("popsurvey_validator_records_processed_total");
        double accepted = validatorMetrics.value("popsurvey_validator_records_accepted_total");
        double absorbed = validatorMetrics.value("popsurvey_validator_records_absorbed_total");
        double deadLettered = validatorMetrics.sum("popsurvey_validator_records_dead_lettered_total");
        assertThat(processed).isEqualTo(produced);
        assertThat(accepted).isEqualTo(cleanRecords.size()).isEqualTo(91);
        assertThat(deadLettered).isEqualTo(deadLetters.size());
        assertThat(absorbed).isEqualTo(1);
        assertThat(processed).isEqualTo(cleanRecords.size() + deadLetters.size() + absorbed);
        assertThat(validatorMetrics.value("popsurvey_validator_dead_letter_value_bytes_total"))
                .isEqualTo(deadLetters.stream()
                        .mapToLong(letter -> letter.value().length)
                        .sum());
        assertThat(validatorMetrics.value("popsurvey_validator_neighborhood_length_limit_characters"))
                .isEqualTo(128);
        assertThat(validatorMetrics.value("popsurvey_validator_ready")).isEqualTo(1);
        assertThat(validatorMetrics.types()).containsEntry("popsurvey_validator_records_processed_total", "counter");
        assertThat(validatorMetrics.names())
                .as("Kafka Streams' own metrics through Micrometer's binder")
                .anyMatch(name -> name.startsWith("kafka_stream_thread_"))
                .anyMatch(name -> name.startsWith("kafka_consumer_"));

        PrometheusText.Exposition enricherMetrics = scrape(enricherUrl);
        assertThat(enricherMetrics.value("popsurvey_enricher_input_rows_total")).isEqualTo(cleanRecords.size());
        assertThat(enricherMetrics.value("popsurvey_enricher_rows_published_total"))
                .isEqualTo(91);
        assertThat(enricherMetrics.value("popsurvey_enricher_rejected_values_total"))
                .isZero();
        assertThat(enricherMetrics.find("popsurvey_enricher_records_behind", Map.of("topic", clean)))
                .hasSize(2)
                .allSatisfy(sample -> assertThat(sample.value()).isZero());
        assertThat(enricherMetrics.value("popsurvey_enricher_last_batch_id"))
                .isEqualTo(report.path("enricher").path("last_batch_id").asDouble());
        assertThat(enricherMetrics.value("popsurvey_enricher_batches_total")).isGreaterThanOrEqualTo(1);
        assertThat(enricherMetrics.value("popsurvey_enricher_batch_duration_seconds_count"))
                .isGreaterThanOrEqualTo(1);
        assertThat(enricherMetrics.find(
                        "popsurvey_enricher_batch_phase_duration_seconds_count", Map.of("phase", "addBatch")))
                .hasSize(1);
        assertThat(enricherMetrics.value("popsurvey_enricher_ready")).isEqualTo(1);

        // Micrometer's Kafka binder registers client metrics that appear after start (a consumer's
        // per-partition lag, named in the rules) on its refresh, every 60 s: awaited, not assumed.
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> everyMetricTheAlertsUseIsExported(scrape(validatorUrl), scrape(enricherUrl)));

        // Readiness across a restart: not ready while starting and rebalancing, ready once RUNNING.
        validator.stop();
        assertThat(get(validatorUrl.resolve("/health/ready")).statusCode())
                .as("stopped: nothing answers")
                .isEqualTo(-1);
        validator = child(ChildJvm.validator(dir.resolve("validator-2.log"), validatorArgs));
        List<String> seen = awaitReady(validator, validatorUrl);
        assertThat(seen.get(seen.size() - 1)).isEqualTo("200 RUNNING");
        assertThat(seen.subList(0, seen.size() - 1))
                .isNotEmpty()
                .allSatisfy(answer -> assertThat(answer).matches("(-1 -|503 (STARTING|CREATED|REBALANCING))"));
        assertThat(seen).anyMatch(answer -> answer.startsWith("503"));
        assertThat(get(validatorUrl.resolve("/health/live")).statusCode()).isEqualTo(200);

        // The enricher stopped: status exits 1 naming it.
        enricher.stop();
        Status enricherDown = status(statusArgs);
        assertThat(enricherDown.exit()).isEqualTo(1);
        assertThat(enricherDown.err().lines().toList())
                .containsExactly("problem: enricher: not answering at " + enricherUrl.resolve("/health/ready") + " ("
                        + connectionRefused(enricherUrl) + ")");
        assertThat(enricherDown.out()).contains("PROBLEM enricher: not answering");

        // The enricher restarted: not ready while Spark starts, ready once its query runs; healthy again.
        enricher = child(ChildJvm.enricher(dir.resolve("enricher-2.log"), enricherArgs));
        List<String> enricherSeen = awaitReady(enricher, enricherUrl);
        assertThat(enricherSeen.get(enricherSeen.size() - 1)).isEqualTo("200 ACTIVE");
        assertThat(enricherSeen.subList(0, enricherSeen.size() - 1))
                .isNotEmpty()
                .allSatisfy(answer -> assertThat(answer).matches("(-1 -|503 STARTING)"));
        assertThat(enricherSeen).contains("503 STARTING");
        assertThat(status(statusArgs).exit()).isZero();
        assertThat(scrape(enricherUrl).value("popsurvey_enricher_rows_published_total"))
                .as("nothing new to publish after the restart")
                .isZero();
        enricher.stop();

        // The registry unreachable: status exits 1 naming it.
        List<String> deadRegistry = new ArrayList<>(statusArgs);
        deadRegistry.set(
                deadRegistry.indexOf("--schema-registry-url") + 1,
                "http://127.0.0.1:" + ports.get(2) + "/apis/ccompat/v7");
        deadRegistry.remove("--enricher-url");
        deadRegistry.remove(enricherUrl.toString());
        Status registryDown = status(deadRegistry);
        assertThat(registryDown.exit()).isEqualTo(1);
        assertThat(registryDown.err().lines().toList())
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("problem: registry: http://127.0.0.1:" + ports.get(2) + "/apis/ccompat/v7 is not usable: ");
    }

    /** The message the JDK's HTTP client gives for a refused connection (it has none of its own). */
    private String connectionRefused(URI url) {
        try {
            http.send(
                    HttpRequest.newBuilder(url.resolve("/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError(url + " answered");
        } catch (IOException e) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void everyMetricTheAlertsUseIsExported(PrometheusText.Exposition... scrapes) throws IOException {
        String rules = Files.readString(RepoRoot.find().resolve("deploy/prometheus/popsurvey-alerts.yml"));
        List<String> exported = new ArrayList<>();
        for (PrometheusText.Exposition scrape : scrapes) {
            exported.addAll(scrape.names());
        }
        Matcher metric = ALERT_METRIC.matcher(rules);
        int used = 0;
        while (metric.find()) {
            assertThat(exported).as("metric named in the alert rules").contains(metric.group(1));
            used++;
        }
        assertThat(used).isGreaterThanOrEqualTo(5);
    }

    private Path generateData() throws IOException {
        Path data = dir.resolve("data");
        int exit =
                PopsurveyCommandLine.execute(new DatagenCommand(), "--out", data.toString(), "--neighborhoods", "91");
        assertThat(exit).isZero();
        Path population = data.resolve(SourceFile.TOTAL_POPULATION.fileName());
        String firstRow = Files.readAllLines(population, StandardCharsets.UTF_8).get(1);
        String[] cells = firstRow.split(",", -1);
        List<String> injected = List.of(
                "Bad Estimate Park,92,abc,10", // ESTIMATE_NOT_A_NUMBER
                "Fraction Flats,93,12.5,3", // ESTIMATE_NOT_WHOLE
                "Short Row,94,100", // CELL_COUNT_MISMATCH
                "Negative Fraction,95,-2.5,1", // ESTIMATE_NEGATIVE and ESTIMATE_NOT_WHOLE
                firstRow, // identical re-send: absorbed
                cells[0] + "," + cells[1] + ",999999,1"); // same Id, other content: CONFLICTING_RESEND
        Files.writeString(
                population, String.join("\n", injected) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return data;
    }

    private long produce(Path file, String topic) {
        StringWriter out = new StringWriter();
        CommandLine produce = PopsurveyCommandLine.create(new ProduceCommand());
        produce.setOut(new PrintWriter(out, true));
        int exit = produce.execute(
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl(),
                "--input",
                file.toString(),
                "--topic",
                topic,
                "--interval",
                "0");
        assertThat(exit).as(out.toString()).isZero();
        Matcher acknowledged = Pattern.compile("(\\d+) records acknowledged").matcher(out.toString());
        assertThat(acknowledged.find()).as(out.toString()).isTrue();
        return Long.parseLong(acknowledged.group(1));
    }

    private PrometheusText.Exposition scrape(URI base) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).contains(PROMETHEUS_TEXT);
        // Kept for a look after the run (target/ops-it/), like a Prometheus server's last scrape.
        Path kept = Files.createDirectories(Path.of("target", "ops-it"));
        Files.writeString(kept.resolve("scrape-" + base.getPort() + ".txt"), answer.body());
        return PrometheusText.parse(answer.body());
    }

    /** Polls readiness until 200; returns every distinct answer seen, in order ("503 REBALANCING", "200 RUNNING"). */
    private List<String> awaitReady(ChildJvm process, URI base) {
        List<String> seen = new ArrayList<>();
        await().atMost(START).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(process.isAlive()).as(process.log()).isTrue();
            Answer answer = get(base.resolve("/health/ready"));
            String text = answer.statusCode() + " " + answer.state();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(text)) {
                seen.add(text);
            }
            return answer.statusCode() == 200;
        });
        return seen;
    }

    private record Answer(int statusCode, String state) {}

    private Answer get(URI uri) throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    answer.statusCode(),
                    new ObjectMapper().readTree(answer.body()).path("state").asText());
        } catch (IOException notListening) {
            return new Answer(-1, "-");
        }
    }

    private record Status(int exit, String out, String err) {}

    private static Status status(List<String> args, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine status = PopsurveyCommandLine.create(new StatusCommand());
        status.setOut(new PrintWriter(out, true));
        status.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        int exit = status.execute(all.toArray(String[]::new));
        return new Status(exit, out.toString(), err.toString());
    }

    private ChildJvm child(ChildJvm started) {
        children.add(started);
        return started;
    }
}
