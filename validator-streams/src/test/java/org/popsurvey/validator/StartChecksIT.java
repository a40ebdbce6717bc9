package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.testkit.RealKafkaStack;
import picocli.CommandLine;

/** What {@code validate} checks before it starts, on the real broker and registry. */
class StartChecksIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    @TempDir
    Path work;

    private final String prefix = "start-" + UUID.randomUUID().toString().substring(0, 8);

    private record Run(int exit, String err) {}

    private Run validate(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = ValidateCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new java.util.ArrayList<>(List.of(
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--input-topic",
                prefix + ".raw",
                "--clean-topic",
                prefix + ".clean",
                "--dlq-topic",
                prefix + ".dlq",
                "--application-id",
                prefix,
                "--state-dir",
                work.resolve("state").toString()));
        all.addAll(List.of(args));
        return new Run(commandLine.execute(all.toArray(String[]::new)), err.toString());
    }

    @Test
    void aCleanTopicThatDeletesOldRecordsIsRefusedNamingItsSettings() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(prefix + ".clean", 1, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "604800000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Run run = validate("--schema-registry-url", STACK.schemaRegistryUrl());
        assertThat(run.exit()).isEqualTo(PopsurveyCommandLine.EXIT_FAILURE);
        assertThat(run.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .startsWith("error: Topic " + prefix + ".clean has cleanup.policy=delete with retention.ms=604800000")
                .contains("cleanup.policy=compact");
    }

    @Test
    void aSettingThatWouldBreakTheAccountingIsAUsageError() throws Exception {
        Path config = Files.writeString(work.resolve("client.properties"), "processing.guarantee=at_least_once\n");
        Run run = validate("--schema-registry-url", STACK.schemaRegistryUrl(), "--config", config.toString());
        assertThat(run.exit()).isEqualTo(PopsurveyCommandLine.EXIT_USAGE);
        assertThat(run.err().strip())
                .startsWith("error: --config " + config + " sets processing.guarantee=at_least_once")
                .contains("exactly_once_v2");
    }

    @Test
    void whereClientsDoNotRegisterSchemasAnUnregisteredCleanSchemaStopsTheStartNamingSubjectAndRegistry()
            throws Exception {
        Path config = Files.writeString(work.resolve("client.properties"), "auto.register.schemas=false\n");
        Run run = validate("--schema-registry-url", STACK.schemaRegistryUrl(), "--config", config.toString());
        assertThat(run.exit()).isEqualTo(PopsurveyCommandLine.EXIT_FAILURE);
        assertThat(run.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: Schema org.popsurvey.schemas.PopulationRecord is not registered under subject "
                        + prefix + ".clean-value at " + STACK.schemaRegistryUrl())
                .contains("./popsurvey schemas register");
    }

    @Test
    void aMalformedRegistryUrlIsNamedWithoutItsPassword() {
        Run run = validate("--schema-registry-url", "http://alice:s3cr3t@registry host:8081/apis/ccompat/v7");
        assertThat(run.exit()).isEqualTo(PopsurveyCommandLine.EXIT_FAILURE);
        assertThat(run.err()).contains("registry host").doesNotContain("s3cr3t").doesNotContain("alice");
    }

    @Test
    void theDeadLetterTopicIsCreatedLargerThanTheRawTopic() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(prefix + ".raw", 2, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2000000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            TopicSetup.TopicFacts facts = new TopicSetup(admin, STACK.bootstrapServers())
                    .ensure(prefix + ".raw", prefix + ".clean", prefix + ".dlq", Optional.empty(), Optional.empty());
            assertThat(facts.partitions()).isEqualTo(2);
            assertThat(facts.deadLetterMaxBytes()).isEqualTo(2_000_000 + ValidatorSettings.DEAD_LETTER_HEADROOM_BYTES);
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, prefix + ".dlq");
            assertThat(admin.describeConfigs(List.of(dlq))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(dlq)
                            .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                            .value())
                    .isEqualTo("2262144");
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", STACK.bootstrapServers()));
    }
}
