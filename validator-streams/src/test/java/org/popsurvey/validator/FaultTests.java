package org.popsurvey.validator;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.popsurvey.testkit.RealKafkaStack;

/** What the fault tests share: how they start the validator and wait for it. */
final class FaultTests {

    private FaultTests() {}

    /**
     * {@code validate} arguments for topics {@code prefix.raw|clean|dlq}. Through {@code --config}: a
     * restarted instance need not wait 45 s for a dead one's session to expire.
     */
    static List<String> validatorArgs(Path work, RealKafkaStack stack, String prefix) throws IOException {
        Path clientConfig = work.resolve("client.properties");
        if (!Files.exists(clientConfig)) {
            Files.writeString(clientConfig, "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
        }
        return List.of(
                "--config",
                clientConfig.toString(),
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.schemaRegistryUrl(),
                "--input-topic",
                prefix + ".raw",
                "--clean-topic",
                prefix + ".clean",
                "--dlq-topic",
                prefix + ".dlq",
                "--application-id",
                prefix,
                "--state-dir",
                work.resolve("state").toString(),
                "--stats-interval",
                "1s");
    }

    /**
     * Waits until the validator runs and at least {@code count} rows are clean records or dead
     * letters; returns how many. On time-out fails with the end of the validator's log.
     */
    static int awaitDecided(
            String bootstrap,
            String cleanTopic,
            String dlqTopic,
            int count,
            Duration timeout,
            ValidatorProcess validator)
            throws IOException {
        int[] decided = new int[1];
        try {
            // Not before: reading a topic the validator has not created yet would create it, with 1 partition.
            await().atMost(timeout).until(() -> validator.log().contains("-> RUNNING"));
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                decided[0] = TopicAccounting.decided(bootstrap, cleanTopic, dlqTopic);
                return decided[0] >= count;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    decided[0] + " of " + count + " rows decided after " + timeout.toSeconds()
                            + " s; the validator's log ends:\n" + tail(validator.log(), 60),
                    e);
        }
        return decided[0];
    }

    static String tail(String log, int lines) {
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
