package org.popsurvey.validator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.popsurvey.testkit.RealKafkaStack;

/** What the fault tests share: how they start the validator. */
final class FaultTests {

    private FaultTests() {
    }

    /**
     * {@code validate} arguments for topics {@code prefix.raw|clean|dlq}. Through {@code --config}: a
     * restarted instance need not wait 45 s for a dead one's session to expire.
     */
    static List<String> validatorArgs(Path work, RealKafkaStack stack, String prefix) throws IOException {
        Path clientConfig = work.resolve("client.properties");
        if (!Files.exists(clientConfig)) {
            Files.writeString(clientConfig, "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
        }
        return List.of("--config", clientConfig.toString(), "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--input-topic", prefix + ".raw",
                "--clean-topic", prefix + ".clean", "--dlq-topic", prefix + ".dlq", "--application-id", prefix,
                "--state-dir", work.resolve("state").toString(), "--stats-interval", "1s");
    }
}
