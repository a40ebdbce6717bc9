package org.popsurvey.producer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.popsurvey.cli.CommandFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the first row: the broker must answer and the topic must exist. A missing topic is
 * created with the broker's default partitions and replication (where the cluster forbids that,
 * the error says to create it), so a first run on a fresh stack just works.
 */
final class TopicPreflight {

    private static final Logger log = LoggerFactory.getLogger(TopicPreflight.class);
    private static final long TIMEOUT_SECONDS = 15;

    private TopicPreflight() {}

    private static CommandFailedException unreachable(String servers) {
        return new CommandFailedException(String.format(
                "Kafka broker unreachable at %s: no answer within %d s. "
                        + "Is the broker running (./popsurvey stack status)? Check --bootstrap-servers.",
                servers, TIMEOUT_SECONDS));
    }

    static void ensureTopic(Map<String, Object> clientConfig, String topic) {
        String servers = String.valueOf(clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        Map<String, Object> adminConfig = new java.util.HashMap<>(clientConfig);
        adminConfig.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_SECONDS * 1000);
        adminConfig.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_SECONDS * 1000);
        Admin admin = Admin.create(adminConfig);
        try {
            try {
                admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                    throw unreachable(servers);
                }
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new CommandFailedException("Cannot describe topic " + topic + " on " + servers, e.getCause());
                }
            }
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("Created topic {} on {} with the broker's default partitions and replication", topic, servers);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new CommandFailedException(
                            "Topic " + topic + " does not exist on " + servers
                                    + " and could not be created; create it, then run again",
                            e.getCause());
                }
            }
        } catch (TimeoutException e) {
            throw unreachable(servers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while checking topic " + topic);
        } finally {
            // Do not wait for calls still pending against an unreachable broker.
            admin.close(Duration.ofSeconds(1));
        }
    }
}
