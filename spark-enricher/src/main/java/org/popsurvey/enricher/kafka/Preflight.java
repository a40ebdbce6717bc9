package org.popsurvey.enricher.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.registry.SchemaRegistryException;

/**
 * Checks before the query starts, so a wrong address or a missing topic is one clear error naming
 * it, not a Spark stack trace minutes later.
 */
public final class Preflight {

    private static final long TIMEOUT_SECONDS = 30;

    private Preflight() {}

    public static void check(ClientSettings settings, String topic) {
        checkTopic(settings.kafkaClientConfig(), topic);
        checkRegistry(settings.registryConfig());
    }

    static void checkTopic(Map<String, Object> kafkaConfig, String topic) {
        Map<String, Object> config = new java.util.HashMap<>(kafkaConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        Object servers = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(config)) {
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions())
                    .allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new CommandFailedException("Topic " + topic + " does not exist on " + servers
                        + "; run the validator first (it creates it) or create it");
            }
            throw new CommandFailedException(
                    "Cannot describe topic " + topic + " on Kafka at " + servers + ": "
                            + e.getCause().getMessage(),
                    e);
        } catch (TimeoutException e) {
            throw new CommandFailedException(
                    "Kafka at " + servers + " did not answer within " + TIMEOUT_SECONDS
                            + " s (is the broker running? check --bootstrap-servers)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while checking topic " + topic, e);
        }
    }

    static void checkRegistry(Map<String, String> registryConfig) {
        SchemaRegistryClient client = SchemaRegistryClient.fromConfig(registryConfig);
        try {
            client.subjects();
        } catch (SchemaRegistryException e) {
            throw new CommandFailedException(
                    "Schema registry at " + client.url() + " is not usable: " + e.getMessage(), e);
        }
    }
}
