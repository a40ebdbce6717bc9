package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * The broker killed ({@code kill -9}) and later stopped cleanly, each time started again on the
 * same ports with the same data, while a real validator runs and a real paced {@code produce}
 * sends rows: both ride it out, and every row ends exactly once ({@code read_committed}),
 * value by value.
 */
class ValidatorBrokerRestartIT {

    /** Its own broker: this test takes it down. */
    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.dedicated();

    private static final int ROWS = 800;
    private static final int INVALID_EVERY = 40;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @TempDir
    Path work;

    @Test
    void validatorAndProducerResumeAfterTheBrokerIsKilledAndAfterItIsStopped() throws Exception {
        String prefix = "broker-restart-" + UUID.randomUUID().toString().substring(0, 8);
        String rawTopic = prefix + ".raw";
        String cleanTopic = prefix + ".clean";
        String dlqTopic = prefix + ".dlq";
        STACK.createTopic(rawTopic, 2);
        PopulationFile file = PopulationFile.write(work, ROWS, INVALID_EVERY);
        RawRecords registry = new RawRecords(STACK.schemaRegistryUrl());
        String bootstrap = STACK.bootstrapServers();

        try (ValidatorProcess validator = ValidatorProcess.start(
                        work.resolve("validator.log"), FaultTests.validatorArgs(work, STACK, prefix));
                ProducerProcess producer = startProducerWhenValidatorRuns(validator, file, rawTopic)) {
            FaultTests.awaitDecided(bootstrap, cleanTopic, dlqTopic, ROWS / 4, WAIT, validator);
            STACK.killBroker();
            Thread.sleep(OUTAGE.toMillis());
            STACK.startBroker();

            int afterFirst = FaultTests.awaitDecided(bootstrap, cleanTopic, dlqTopic, ROWS / 2, WAIT, validator);
            assertThat(afterFirst)
                    .as("still rows to come for the second outage")
                    .isLessThan(ROWS);
            STACK.stopBroker();
            Thread.sleep(OUTAGE.toMillis());
            STACK.startBroker();

            assertThat(producer.awaitExit(Duration.ofMinutes(4)))
                    .as(producer.log())
                    .isZero();
            assertThat(producer.log())
                    .contains("Done: " + ROWS + " data lines read")
                    .contains(ROWS + " records acknowledged on " + rawTopic);
            FaultTests.awaitDecided(bootstrap, cleanTopic, dlqTopic, ROWS, WAIT, validator);
            Thread.sleep(2000); // anything still to come would be a duplicate
            assertThat(validator.isAlive())
                    .as("the validator rode out both outages:\n" + validator.log())
                    .isTrue();
            assertThat(validator.stop()).as("clean stop after SIGTERM").isIn(0, 143);
        }

        TopicAccounting topics = TopicAccounting.read(bootstrap, registry.registry(), rawTopic, cleanTopic, dlqTopic);
        assertThat(topics.raw().stream().map(row -> row.getLineage().getLineNumber()))
                .as("raw: every line exactly once (idempotent producer across both outages)")
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(2, ROWS + 1).boxed().toList());
        assertThat(topics.raw().stream()
                        .map(RawPopulationRow::getLineage)
                        .map(l -> l.getProducerRunId())
                        .distinct())
                .as("one producer run")
                .hasSize(1);
        topics.assertCleanMatches(file);
        Map<String, List<String>> deadLetters = topics.deadLetterCodesByKey();
        assertThat(deadLetters.keySet())
                .as("dead letters: exactly the invalid rows")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, ROWS)
                        .filter(id -> !file.isValid(id))
                        .mapToObj(Integer::toString)
                        .toList());
        deadLetters.forEach((key, codes) ->
                assertThat(codes).as("dead letters of Id %s", key).containsExactly("ESTIMATE_NOT_A_NUMBER"));
        assertThat(topics.raw())
                .as("raw = clean + dead letters + absorbed (no re-sends: 0 absorbed)")
                .hasSize(topics.clean().size() + topics.deadLetters().size());
    }

    private ProducerProcess startProducerWhenValidatorRuns(
            ValidatorProcess validator, PopulationFile file, String rawTopic) throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(() -> validator.log().contains("-> RUNNING"));
        // Paced: 20 batches of 40 rows, one every 500 ms, so both outages hit a run in progress.
        return ProducerProcess.start(
                work.resolve("produce.log"),
                List.of(
                        "--input",
                        file.path().toString(),
                        "--topic",
                        rawTopic,
                        "--batch-size",
                        "40",
                        "--interval",
                        "500ms",
                        "--delivery-timeout",
                        "3m",
                        "--bootstrap-servers",
                        STACK.bootstrapServers(),
                        "--schema-registry-url",
                        STACK.schemaRegistryUrl()));
    }
}
