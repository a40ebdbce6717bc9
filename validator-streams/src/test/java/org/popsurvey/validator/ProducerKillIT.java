package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * {@code kill -9} of a paced {@code produce} run mid-file, then the same command again, with a
 * real validator running: every row ends exactly once (the rows the first run had sent come again
 * and are absorbed as identical re-sends), and {@code raw = clean + dead letters + absorbed}.
 */
class ProducerKillIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static final int ROWS = 600;
    private static final int INVALID_EVERY = 50;
    private static final Pattern FINAL_COUNTS = Pattern.compile("Final counts \\(this process\\): "
            + "processed=(\\d+) accepted=(\\d+) absorbed-resends=(\\d+) dead-lettered=(\\d+)");

    @TempDir
    Path work;

    @Test
    void rerunningAProducerKilledMidFileGivesEveryRowExactlyOnce() throws Exception {
        String prefix = "producer-kill-" + UUID.randomUUID().toString().substring(0, 8);
        String rawTopic = prefix + ".raw";
        String cleanTopic = prefix + ".clean";
        String dlqTopic = prefix + ".dlq";
        STACK.createTopic(rawTopic, 2);
        PopulationFile file = PopulationFile.write(work, ROWS, INVALID_EVERY);
        RawRecords registry = new RawRecords(STACK.schemaRegistryUrl());
        List<String> produce = List.of(
                "--input",
                file.path().toString(),
                "--topic",
                rawTopic,
                "--batch-size",
                "20",
                "--interval",
                "400ms",
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl());

        try (ValidatorProcess validator =
                ValidatorProcess.start(work.resolve("validator.log"), FaultTests.validatorArgs(work, STACK, prefix))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> validator.log().contains("-> RUNNING"));

            try (ProducerProcess first = ProducerProcess.start(work.resolve("produce-1.log"), produce)) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> CommittedRecords.readAll(STACK.bootstrapServers(), rawTopic)
                                        .size()
                                >= ROWS / 3);
                first.killHard();
                assertThat(first.log()).as("killed mid-file, not finished").doesNotContain("Done:");
            }
            long sentBeforeKill =
                    CommittedRecords.readAll(STACK.bootstrapServers(), rawTopic).size();
            assertThat(sentBeforeKill).as("killed mid-file").isBetween((long) ROWS / 3, (long) ROWS - 1);

            try (ProducerProcess second = ProducerProcess.start(work.resolve("produce-2.log"), produce)) {
                assertThat(second.awaitExit(Duration.ofMinutes(3)))
                        .as(second.log())
                        .isZero();
                assertThat(second.log())
                        .contains("Done: " + ROWS + " data lines read")
                        .contains(ROWS + " records acknowledged on " + rawTopic);
            }
            long rawRecords =
                    CommittedRecords.readAll(STACK.bootstrapServers(), rawTopic).size();
            long invalidOnRaw =
                    TopicAccounting.read(STACK.bootstrapServers(), registry.registry(), rawTopic, cleanTopic, dlqTopic)
                            .raw()
                            .stream()
                            .filter(row -> "x".equals(row.getEstimate()))
                            .count();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> CommittedRecords.readAll(STACK.bootstrapServers(), cleanTopic)
                                            .size()
                                    >= file.validRows()
                            && CommittedRecords.readAll(STACK.bootstrapServers(), dlqTopic)
                                            .size()
                                    >= invalidOnRaw);
            Thread.sleep(2000); // anything still to come would be a duplicate
            assertThat(validator.isAlive()).as("the validator kept running").isTrue();
            assertThat(validator.stop()).as("clean stop after SIGTERM").isIn(0, 143);

            TopicAccounting topics =
                    TopicAccounting.read(STACK.bootstrapServers(), registry.registry(), rawTopic, cleanTopic, dlqTopic);
            assertThat((long) topics.raw().size()).isEqualTo(rawRecords);
            Map<String, List<RawPopulationRow>> runs = topics.raw().stream()
                    .collect(Collectors.groupingBy(row -> row.getLineage().getProducerRunId()));
            assertThat(runs).as("two producer runs").hasSize(2);
            List<RawPopulationRow> killedRun = runs.values().stream()
                    .filter(rows -> rows.size() < ROWS)
                    .findFirst()
                    .orElseThrow();
            List<RawPopulationRow> fullRun = runs.values().stream()
                    .filter(rows -> rows.size() == ROWS)
                    .findFirst()
                    .orElseThrow();
            assertThat(lines(fullRun))
                    .as("the second run: every line once")
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(2, ROWS + 1).boxed().toList());
            assertThat(lines(killedRun))
                    .as("the killed run: no line twice (idempotent producer)")
                    .doesNotHaveDuplicates();

            topics.assertCleanMatches(file);
            String killedRunId = killedRun.get(0).getLineage().getProducerRunId();
            Map<Integer, PopulationRecord> clean = topics.cleanById();
            for (RawPopulationRow row : killedRun) {
                int id = Integer.parseInt(row.getId());
                if (file.isValid(id)) {
                    assertThat(clean.get(id).getLineage().getProducerRunId())
                            .as("Id %d: the row the killed run sent was accepted first, and stands", id)
                            .isEqualTo(killedRunId);
                }
            }

            // Every invalid row sent is its own dead letter (a rejected row is never remembered).
            Map<String, Long> invalidSent = topics.raw().stream()
                    .filter(row -> !file.isValid(Integer.parseInt(row.getId())))
                    .collect(Collectors.groupingBy(RawPopulationRow::getId, Collectors.counting()));
            Map<String, List<String>> deadLetters = topics.deadLetterCodesByKey();
            assertThat(deadLetters.keySet()).isEqualTo(invalidSent.keySet());
            deadLetters.forEach((key, codes) -> assertThat(codes)
                    .as("dead letters of Id %s", key)
                    .hasSize(invalidSent.get(key).intValue())
                    .containsOnly("ESTIMATE_NOT_A_NUMBER"));
            assertThat(invalidSent.keySet())
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, ROWS)
                            .filter(id -> !file.isValid(id))
                            .mapToObj(Integer::toString)
                            .toList());

            long resentValid = killedRun.stream()
                    .filter(row -> file.isValid(Integer.parseInt(row.getId())))
                    .count();
            Map<String, Long> counts = finalCounts(validator.log());
            assertThat(counts.get("absorbed"))
                    .as("absorbed re-sends: the valid rows the killed run had sent")
                    .isEqualTo(resentValid);
            assertThat(counts.get("processed")).isEqualTo(rawRecords);
            assertThat(rawRecords)
                    .as("raw = clean + dead letters + absorbed")
                    .isEqualTo(topics.clean().size() + topics.deadLetters().size() + counts.get("absorbed"));
            System.out.println("[ProducerKillIT] killed run sent " + killedRun.size() + " rows; raw " + rawRecords
                    + " = clean " + topics.clean().size() + " + dead letters "
                    + topics.deadLetters().size()
                    + " + absorbed " + counts.get("absorbed"));
        }
    }

    private static List<Long> lines(List<RawPopulationRow> rows) {
        return rows.stream().map(row -> row.getLineage().getLineNumber()).toList();
    }

    /** The validator's own counts at its clean stop (exact here: it was never interrupted). */
    static Map<String, Long> finalCounts(String log) {
        Matcher matcher = FINAL_COUNTS.matcher(log);
        assertThat(matcher.find())
                .as("final counts in the validator's log:\n" + log)
                .isTrue();
        return Map.of(
                "processed",
                Long.parseLong(matcher.group(1)),
                "accepted",
                Long.parseLong(matcher.group(2)),
                "absorbed",
                Long.parseLong(matcher.group(3)),
                "dead-lettered",
                Long.parseLong(matcher.group(4)));
    }
}
