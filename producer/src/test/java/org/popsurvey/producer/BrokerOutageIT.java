package org.popsurvey.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.producer.RawTopicReader.Decoded;
import org.popsurvey.testkit.RealKafkaStack;

/** Stopping the broker during a run: the producer either finishes without duplicates or fails clearly. */
class BrokerOutageIT {

    /** Its own broker: these tests stop it. */
    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.dedicated();

    @Test
    void brokerBackWithinTheDeliveryTimeoutEveryRowExactlyOnce(@TempDir Path dir) throws Exception {
        Path csv = TestFiles.population(dir, 300);
        String topic = "population.raw.outage-" + UUID.randomUUID();
        CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.produce(
                "--input", csv.toString(), "--topic", topic, "--batch-size", "30", "--interval", "500ms",
                "--bootstrap-servers", STACK.bootstrapServers(), "--schema-registry-url", STACK.schemaRegistryUrl()));

        RawTopicReader reader = new RawTopicReader(STACK.bootstrapServers(), STACK.schemaRegistryUrl());
        await().atMost(Duration.ofSeconds(60)).until(() -> !reader.readAll(topic, Duration.ofMillis(500)).isEmpty());
        STACK.stopBroker();
        Thread.sleep(4_000);
        STACK.startBroker();

        CommandRun result = run.get(3, TimeUnit.MINUTES);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("300 data lines read").contains("300 records acknowledged");
        List<Decoded> records = reader.readAll(topic, Duration.ofSeconds(3));
        assertThat(records).extracting(r -> (Long) r.lineage().get("line_number"))
                .as("each line exactly once: idempotent retries, no duplicates")
                .hasSize(300).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(2, 301).boxed().toList());
    }

    @Test
    void brokerGoneForGoodFailsNamingTheLineAndTopic(@TempDir Path dir) throws Exception {
        Path csv = TestFiles.population(dir, 200);
        String topic = "population.raw.down-" + UUID.randomUUID();
        CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.produce(
                "--input", csv.toString(), "--topic", topic, "--batch-size", "20", "--interval", "500ms",
                "--delivery-timeout", "6s",
                "--bootstrap-servers", STACK.bootstrapServers(), "--schema-registry-url", STACK.schemaRegistryUrl()));
        RawTopicReader reader = new RawTopicReader(STACK.bootstrapServers(), STACK.schemaRegistryUrl());
        await().atMost(Duration.ofSeconds(60)).until(() -> !reader.readAll(topic, Duration.ofMillis(500)).isEmpty());
        STACK.stopBroker();
        try {
            CommandRun result = run.get(2, TimeUnit.MINUTES);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("error: Could not deliver line ")
                    .contains("to topic " + topic)
                    .contains("acknowledged before it");
        } finally {
            STACK.startBroker();
        }
    }
}
