package org.popsurvey.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        Path csv = TestFiles.population(dir, 1000);
        String topic = "population.raw.outage-" + UUID.randomUUID();
        CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.produce(
                "--input",
                csv.toString(),
                "--topic",
                topic,
                "--batch-size",
                "20",
                "--interval",
                "300ms",
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl()));

        RawTopicReader reader = new RawTopicReader(STACK.bootstrapServers(), STACK.schemaRegistryUrl());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !reader.readAll(topic).isEmpty());
        STACK.stopBroker();
        assertThat(run).as("the outage must hit a run in progress").isNotDone();
        Thread.sleep(4_000);
        STACK.startBroker();

        CommandRun result = awaitRun(run, 3);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("1000 data lines read").contains("1000 records acknowledged");
        List<Decoded> records = reader.readAll(topic);
        assertThat(records)
                .extracting(r -> (Long) r.lineage().get("line_number"))
                .as("each line exactly once: idempotent retries, no duplicates")
                .hasSize(1000)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(2, 1001).boxed().toList());
    }

    @Test
    void brokerGoneForGoodFailsNamingTheLineAndTopic(@TempDir Path dir) throws Exception {
        Path csv = TestFiles.population(dir, 2000);
        String topic = "population.raw.down-" + UUID.randomUUID();
        CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.produce(
                "--input",
                csv.toString(),
                "--topic",
                topic,
                "--batch-size",
                "20",
                "--interval",
                "500ms",
                "--delivery-timeout",
                "6s",
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl()));
        RawTopicReader reader = new RawTopicReader(STACK.bootstrapServers(), STACK.schemaRegistryUrl());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !reader.readAll(topic).isEmpty());
        STACK.stopBroker();
        assertThat(run).as("the outage must hit a run in progress").isNotDone();
        try {
            CommandRun result = awaitRun(run, 2);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .contains("error: Could not deliver line ")
                    .contains("to topic " + topic)
                    .contains("acknowledged before it");
        } finally {
            STACK.startBroker();
        }
    }

    /** The run's result; on timeout, a failure showing where the producer's threads are. */
    private static CommandRun awaitRun(CompletableFuture<CommandRun> run, long minutes) throws Exception {
        try {
            return run.get(minutes, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            StringBuilder dump = new StringBuilder("produce did not end within " + minutes + " min; threads:\n");
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                String frames = java.util.Arrays.stream(stack)
                        .map(frame -> "    at " + frame + "\n")
                        .collect(java.util.stream.Collectors.joining());
                if (frames.contains("org.popsurvey") || frames.contains("org.apache.kafka.clients.producer")) {
                    dump.append(thread.getName()).append('\n').append(frames);
                }
            });
            throw new AssertionError(dump.toString(), e);
        }
    }
}
