package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * kill -9 of the validator process mid-stream, then a restart: a read_committed consumer sees
 * every clean record and every dead letter exactly once, and rows the killed instance accepted,
 * sent again, are absorbed or dead-lettered as conflicts by the restarted one.
 */
class ValidatorKillIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static final int ROWS = 3000;
    /** Every 100th row is invalid (estimate "x"), so dead letters are checked too. */
    private static final int INVALID_EVERY = 100;

    private static final int BATCH = 100;

    @TempDir
    Path work;

    @Test
    void noCleanRecordIsLostOrDuplicatedAcrossAHardKill() throws Exception {
        String prefix = "validator-kill-" + UUID.randomUUID().toString().substring(0, 8);
        String rawTopic = prefix + ".raw";
        String cleanTopic = prefix + ".clean";
        String dlqTopic = prefix + ".dlq";
        STACK.createTopic(rawTopic, 2);
        RawRecords raw = new RawRecords(STACK.schemaRegistryUrl());
        // Passed through --config: the restarted instance need not wait 45 s for the killed one's session to expire.
        Path clientConfig = Files.writeString(
                work.resolve("client.properties"), "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
        List<String> args = List.of(
                "--config",
                clientConfig.toString(),
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl(),
                "--input-topic",
                rawTopic,
                "--clean-topic",
                cleanTopic,
                "--dlq-topic",
                dlqTopic,
                "--application-id",
                prefix,
                "--state-dir",
                work.resolve("state").toString(),
                "--stats-interval",
                "1s");
        Path log = work.resolve("validator.log");

        CompletableFuture<Void> producing;
        try (ValidatorProcess first = ValidatorProcess.start(log, args)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.log().contains("-> RUNNING"));
            producing = CompletableFuture.runAsync(() -> produce(raw, rawTopic));
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> CommittedRecords.readAll(STACK.bootstrapServers(), cleanTopic)
                                    .size()
                            >= ROWS / 10);
            first.killHard();
        }
        ConfluentAvroDecoder<PopulationRecord> decoder =
                ConfluentAvroDecoder.specific(raw.registry(), PopulationRecord.getClassSchema());
        List<Integer> acceptedBeforeKill = CommittedRecords.readAll(STACK.bootstrapServers(), cleanTopic).stream()
                .map(r -> decoder.decode(r.value()).getId())
                .sorted()
                .toList();
        assertThat(acceptedBeforeKill.size()).as("killed mid-stream").isLessThan(ROWS - ROWS / INVALID_EVERY);

        try (ValidatorProcess second = ValidatorProcess.start(log, args)) {
            producing.get();
            int expectedClean = ROWS - ROWS / INVALID_EVERY;
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> CommittedRecords.readAll(STACK.bootstrapServers(), cleanTopic)
                                            .size()
                                    >= expectedClean
                            && CommittedRecords.readAll(STACK.bootstrapServers(), dlqTopic)
                                            .size()
                                    >= ROWS / INVALID_EVERY);
            // Rows the killed instance accepted, sent again: the restarted one knows them from the clean topic.
            resend(raw, rawTopic, acceptedBeforeKill);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> CommittedRecords.readAll(STACK.bootstrapServers(), dlqTopic)
                                    .size()
                            >= ROWS / INVALID_EVERY + 1);
            Thread.sleep(2000); // anything still to come would be a duplicate
            assertThat(second.stop()).as("clean stop after SIGTERM").isIn(0, 143);
            System.out.println("--- validator processes' log ---\n" + second.log());
            assertThat(second.log()).contains("Final counts (this process)");
        }

        List<ConsumerRecord<byte[], byte[]>> clean = CommittedRecords.readAll(STACK.bootstrapServers(), cleanTopic);
        List<Integer> ids =
                clean.stream().map(r -> decoder.decode(r.value()).getId()).toList();
        Set<Integer> expectedIds = IntStream.rangeClosed(1, ROWS)
                .filter(id -> id % INVALID_EVERY != 0)
                .boxed()
                .collect(Collectors.toSet());
        assertThat(new HashSet<>(ids)).as("nothing lost").isEqualTo(expectedIds);
        assertThat(raw.registry().compatibility(cleanTopic + "-value"))
                .as("the validator puts the clean subject under the project's rule")
                .isEqualTo("BACKWARD");
        assertThat(ids).as("nothing duplicated").hasSize(expectedIds.size());

        List<ConsumerRecord<byte[], byte[]>> deadLetters = CommittedRecords.readAll(STACK.bootstrapServers(), dlqTopic);
        List<ConsumerRecord<byte[], byte[]>> conflicts = deadLetters.stream()
                .filter(r -> "CONFLICTING_RESEND".equals(ValidatorIT.header(r, DeadLetterHeaders.CODES)))
                .toList();
        assertThat(conflicts).singleElement().satisfies(r -> {
            int id = acceptedBeforeKill.get(0);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(id));
            assertThat(ValidatorIT.header(r, DeadLetterHeaders.CONFLICT_WITH))
                    .isEqualTo("total-population.csv:" + (id + 1) + "@kill-run");
        });
        List<ConsumerRecord<byte[], byte[]>> invalid =
                deadLetters.stream().filter(r -> !conflicts.contains(r)).toList();
        assertThat(invalid.stream()
                        .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, ROWS / INVALID_EVERY)
                        .mapToObj(i -> Integer.toString(i * INVALID_EVERY))
                        .toList());
        assertThat(invalid)
                .allSatisfy(r -> assertThat(ValidatorIT.header(r, DeadLetterHeaders.CODES))
                        .isEqualTo("ESTIMATE_NOT_A_NUMBER"));
    }

    /**
     * The rows the killed instance had committed, again, identical but from another producer run
     * (all absorbed), then the first of them with a different estimate (a conflict).
     */
    private static void resend(RawRecords raw, String topic, List<Integer> ids) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        STACK.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int id : ids) {
                producer.send(record(raw, topic, id, Integer.toString(id * 7), "rerun"));
            }
            producer.send(record(raw, topic, ids.get(0), "99999", "rerun"));
            producer.flush();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(
            RawRecords raw, String topic, int id, String estimate, String runId) {
        byte[] value = raw.encode(
                topic, RawRecords.row("Neighborhood " + id, Integer.toString(id), estimate, "12.5", runId, id + 1));
        return new ProducerRecord<>(topic, Integer.toString(id).getBytes(StandardCharsets.UTF_8), value);
    }

    /** The producer's way: batches, each acknowledged before the short pause. */
    private static void produce(RawRecords raw, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        STACK.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int id = 1; id <= ROWS; id++) {
                producer.send(
                        record(raw, topic, id, id % INVALID_EVERY == 0 ? "x" : Integer.toString(id * 7), "kill-run"));
                if (id % BATCH == 0) {
                    producer.flush();
                    Thread.sleep(300);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
