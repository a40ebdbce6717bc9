package org.popsurvey.status;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.registry.RegistryClientConfig;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.registry.SchemaRegistryException;
import org.popsurvey.status.EndpointProbe.ComponentHealth;
import org.popsurvey.status.PipelineStatus.DeadLetters;
import org.popsurvey.status.PipelineStatus.Enricher;
import org.popsurvey.status.PipelineStatus.Lag;
import org.popsurvey.status.PipelineStatus.Neighborhoods;
import org.popsurvey.status.PipelineStatus.Registry;

/**
 * Looks at every part once and names each problem in one line that starts with the part:
 * {@code kafka:}, {@code validator:}, {@code enricher:}, {@code registry:}. A part that cannot be
 * read is a problem, never an exception: the screen shows everything else.
 */
final class StatusCollector {

    private final StatusSettings settings;
    private final Clock clock;
    private final Configuration hadoop = new Configuration();

    StatusCollector(StatusSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    PipelineStatus collect() {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> problems = new ArrayList<>();
        List<TopicEnds> topics = new ArrayList<>();
        Lag validator = null;
        Enricher enricher = null;
        DeadLetters deadLetters = null;
        Map<String, Object> kafkaConfig = settings.clientConfig();
        String bootstrap = String.valueOf(kafkaConfig.get("bootstrap.servers"));
        TopicEnds raw = null;
        TopicEnds clean = null;
        TopicEnds dlq = null;
        try (KafkaView kafka = new KafkaView(kafkaConfig, settings.timeout())) {
            raw = topic(kafka, settings.rawTopic(), topics, problems);
            clean = topic(kafka, settings.cleanTopic(), topics, problems);
            dlq = topic(kafka, settings.deadLetterTopic(), topics, problems);
            if (raw != null) {
                Map<Integer, Long> committed = kafka.committed(settings.validatorGroup(), settings.rawTopic());
                validator = lag("consumer group " + settings.validatorGroup(), raw, committed);
                checkLag("validator", validator, problems);
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            problems.add("kafka: " + bootstrap + " did not answer within "
                    + settings.timeout().toSeconds() + " s (" + PopsurveyCommandLine.describe(cause) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("kafka: interrupted");
        }
        if (dlq != null) {
            deadLetters = deadLetters(kafkaConfig, dlq, now);
        }
        if (settings.checkpoint() != null) {
            enricher = enricher(clean, now, problems);
        }
        Neighborhoods neighborhoods = settings.output() == null ? null : neighborhoods(problems);
        Registry registry = registry(problems);
        List<ComponentHealth> components = components(problems);
        return new PipelineStatus(
                now.toString(),
                List.copyOf(problems),
                topics,
                validator,
                enricher,
                deadLetters,
                neighborhoods,
                registry,
                components);
    }

    private static TopicEnds topic(KafkaView kafka, String name, List<TopicEnds> topics, List<String> problems)
            throws ExecutionException, TimeoutException, InterruptedException {
        Optional<TopicEnds> topic = kafka.topic(name);
        if (topic.isEmpty()) {
            problems.add("kafka: topic " + name + " does not exist");
            return null;
        }
        topics.add(topic.get());
        return topic.get();
    }

    private static Lag lag(String reader, TopicEnds topic, Map<Integer, Long> positions) {
        List<PartitionLag> partitions = KafkaView.lag(topic, positions::get);
        return new Lag(
                reader,
                topic.topic(),
                partitions.stream().mapToLong(PartitionLag::lag).sum(),
                partitions);
    }

    private void checkLag(String component, Lag lag, List<String> problems) {
        for (PartitionLag partition : lag.partitions()) {
            if (partition.lag() > settings.maxLag()) {
                problems.add(component + ": " + partition.lag() + " records behind on " + lag.topic() + "-"
                        + partition.partition() + " ("
                        + (partition.position() == null
                                ? "nothing committed"
                                : "at " + partition.position() + " of " + partition.end())
                        + "; limit --max-lag "
                        + settings.maxLag() + ")");
            }
        }
    }

    private DeadLetters deadLetters(Map<String, Object> kafkaConfig, TopicEnds dlq, Instant now) {
        Instant since = now.minus(settings.deadLetterWindow());
        DeadLetterTally.Counts counts = DeadLetterTally.count(kafkaConfig, dlq, since);
        return new DeadLetters(
                dlq.topic(),
                counts.records(),
                counts.recordsSince(),
                settings.deadLetterWindow().toMinutes(),
                counts.total(),
                counts.since());
    }

    private Enricher enricher(TopicEnds clean, Instant now, List<String> problems) {
        Optional<CheckpointOffsets.Committed> committed;
        try {
            committed = CheckpointOffsets.lastCommitted(settings.checkpoint(), settings.cleanTopic(), hadoop);
        } catch (IOException e) {
            problems.add("enricher: cannot read checkpoint " + settings.checkpoint() + ": " + e.getMessage());
            return null;
        }
        Map<Integer, Long> offsets =
                committed.map(CheckpointOffsets.Committed::offsets).orElse(Map.of());
        Lag lag = clean == null ? null : lag("checkpoint", clean, offsets);
        if (lag != null) {
            checkLag("enricher", lag, problems);
            if (lag.total() > 0) {
                Duration age = committed
                        .map(c -> Duration.between(c.committedAt(), now))
                        .orElse(null);
                if (age == null) {
                    problems.add("enricher: no batch committed in checkpoint " + settings.checkpoint() + " while "
                            + lag.total() + " records wait on " + settings.cleanTopic());
                } else if (age.compareTo(settings.maxBatchAge()) > 0) {
                    problems.add("enricher: " + lag.total() + " records wait on " + settings.cleanTopic()
                            + " and the last batch was committed " + age.toSeconds() + " s ago (limit --max-batch-age "
                            + settings.maxBatchAge().toSeconds() + " s)");
                }
            }
        }
        return new Enricher(
                settings.checkpoint(),
                committed.map(CheckpointOffsets.Committed::batchId).orElse(null),
                committed.map(c -> c.committedAt().toString()).orElse(null),
                lag);
    }

    private Neighborhoods neighborhoods(List<String> problems) {
        try {
            return OutputFreshness.read(settings.output(), hadoop)
                    .map(n -> new Neighborhoods(
                            n.path(),
                            n.files(),
                            n.rows(),
                            n.lastPublished() == null ? null : n.lastPublished().toString()))
                    .orElse(null);
        } catch (IOException e) {
            problems.add("enricher: cannot read " + settings.output() + "/" + OutputFreshness.NEIGHBORHOODS + ": "
                    + e.getMessage());
            return null;
        }
    }

    private Registry registry(List<String> problems) {
        Map<String, Object> config = new LinkedHashMap<>(settings.clientConfig());
        // One attempt, bounded by --timeout: status reports a registry that is down, it does not wait for it.
        config.putIfAbsent(RegistryClientConfig.MAX_RETRIES, 0);
        config.put(RegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS, (int)
                settings.timeout().toMillis());
        config.put(RegistryClientConfig.HTTP_READ_TIMEOUT_MS, (int)
                settings.timeout().toMillis());
        SchemaRegistryClient client = SchemaRegistryClient.fromConfig(config);
        try {
            Map<String, Integer> subjects = new LinkedHashMap<>();
            for (String subject : client.subjects()) {
                subjects.put(subject, client.latest(subject).version());
            }
            return new Registry(client.url().toString(), subjects);
        } catch (SchemaRegistryException e) {
            problems.add("registry: " + client.url() + " is not usable: " + e.getMessage());
            return null;
        }
    }

    private List<ComponentHealth> components(List<String> problems) {
        List<ComponentHealth> components = new ArrayList<>();
        EndpointProbe probe = new EndpointProbe(settings.timeout());
        if (settings.validatorUrl() != null) {
            components.add(probe.check("validator", settings.validatorUrl()));
        }
        if (settings.enricherUrl() != null) {
            components.add(probe.check("enricher", settings.enricherUrl()));
        }
        for (ComponentHealth health : components) {
            if (!health.ready()) {
                problems.add(health.component() + ": "
                        + (health.error() != null
                                ? "not answering at " + health.url() + " (" + health.error() + ")"
                                : "not ready: " + health.url() + " answered " + health.httpStatus() + " (state "
                                        + health.state() + ")"));
            }
        }
        return components;
    }
}
