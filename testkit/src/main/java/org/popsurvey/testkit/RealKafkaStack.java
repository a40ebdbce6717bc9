package org.popsurvey.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.Directories;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.secure.Principal;
import org.popsurvey.stack.secure.SecureStack;

/**
 * JUnit 5 extension that gives tests a <b>real</b> Kafka broker (single-node KRaft, Kafka
 * 4.1.1) and a <b>real</b> schema registry (Apicurio, speaking the Confluent Schema Registry
 * REST API), each in its own process on free ports of 127.0.0.1.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * class MyIT {
 *     @RegisterExtension
 *     static final RealKafkaStack STACK = RealKafkaStack.shared();
 *
 *     @Test
 *     void roundTrip() {
 *         STACK.createTopic("population.raw", 3);
 *         producerProps.put("bootstrap.servers", STACK.bootstrapServers());
 *         serdeProps.put("schema.registry.url", STACK.schemaRegistryUrl());
 *         ...
 *     }
 * }
 * }</pre>
 * The field must be {@code static} (the stack is started in {@code beforeAll}, before the
 * class's own {@code @BeforeAll} methods, which may use it).
 *
 * <h2>Contract</h2>
 * <ul>
 * <li>{@link #shared()}: one broker and one registry per test JVM, started by the first test
 * class that registers it (about 10 s) and reused by every later class; stopped when the JUnit
 * run ends. Tests sharing it must not depend on a clean broker: use unique topic names (and
 * consumer group ids) per test, and expect schema subjects registered by other classes.</li>
 * <li>{@link #dedicated()}: a broker and registry of the test class's own, started before the
 * class and stopped after it. Use it when a class disturbs the stack, e.g. with
 * {@link #stopBroker()}, {@link #killBroker()} or {@link #stopRegistry()}.</li>
 * <li>{@link #bootstrapServers()} is {@code 127.0.0.1:<port>}, {@link #schemaRegistryUrl()} is
 * {@code http://127.0.0.1:<port>/apis/ccompat/v7}; both stay the same for the life of the stack,
 * including across {@link #stopBroker()}/{@link #killBroker()}/{@link #startBroker()} and
 * {@link #stopRegistry()}/{@link #killRegistry()}/{@link #startRegistry()}, which keep the data
 * (records, offsets, schemas).</li>
 * <li>Broker settings: auto topic creation on (1 partition) but prefer {@link #createTopic};
 * every replication factor and {@code min.insync.replicas} is 1, so {@code acks=all} and
 * transactions work; {@code group.initial.rebalance.delay.ms=0}.</li>
 * <li>Registry: Apicurio's H2 store in a file of the state folder, so a restart keeps every
 * schema and id; schema ids are content ids (identical schema text under two subjects gets one
 * id); the default compatibility is NONE until a test sets one.</li>
 * <li>No leftovers: state (logs, data) lives in a temporary folder deleted when the stack stops.
 * A JVM shutdown hook stops it if JUnit does not get to, and the child processes exit by
 * themselves if the test JVM is killed outright (they watch their standard input).</li>
 * <li>Needs the runtimes built by {@code mvn -B package -DskipTests} under the repository
 * root (found by walking up from the working directory, or from {@code -Dpopsurvey.home}). If
 * they are missing, or the stack cannot start, {@code beforeAll} fails with a message naming
 * the component, its port, the first error lines and the end of its log. A port taken by another
 * program while the stack starts is not a failure: the stack starts again on new ports, up to
 * {@value org.popsurvey.stack.LocalStack#PORT_ATTEMPTS} attempts in all.</li>
 * <li>Works with any kafka-clients version on the test class path from 3.4 on (it is a
 * {@code provided} dependency: the user's own version applies).</li>
 * </ul>
 */
public final class RealKafkaStack implements BeforeAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(RealKafkaStack.class);
    private static final RealKafkaStack SHARED = new RealKafkaStack(true);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final boolean shared;
    private final boolean secure;
    private volatile Running running;

    private RealKafkaStack(boolean shared) {
        this(shared, false);
    }

    private RealKafkaStack(boolean shared, boolean secure) {
        this.shared = shared;
        this.secure = secure;
    }

    /** The stack shared by every test class of this JVM that registers it. */
    public static RealKafkaStack shared() {
        return SHARED;
    }

    /** A stack for one test class only, started before it and stopped after it. */
    public static RealKafkaStack dedicated() {
        return new RealKafkaStack(false);
    }

    /**
     * A secured stack for one test class ({@code stack up --secure}): SASL_SSL with SCRAM and
     * ACLs, an HTTPS registry with users; one client properties file per {@link Principal}
     * ({@link #clientConfig}). {@link #createTopic} works as the super user.
     */
    public static RealKafkaStack dedicatedSecure() {
        return new RealKafkaStack(false, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Root store: closed once, when the whole run ends. Class store: closed after the class.
        ExtensionContext owner = shared ? context.getRoot() : context;
        owner.getStore(NAMESPACE).getOrComputeIfAbsent(this, key -> start(), Running.class);
    }

    /** {@code bootstrap.servers} of the broker, e.g. {@code 127.0.0.1:41234}. */
    public String bootstrapServers() {
        return running().stack.bootstrapServers();
    }

    /** {@code schema.registry.url} of the registry, e.g. {@code http://127.0.0.1:41236/apis/ccompat/v7}. */
    public String schemaRegistryUrl() {
        return running().stack.schemaRegistryUrl();
    }

    /** The secured stack's secrets and settings; fails on a plain stack. */
    public SecureStack security() {
        return running()
                .stack
                .secure()
                .orElseThrow(
                        () -> new IllegalStateException("Not a secured stack: use RealKafkaStack.dedicatedSecure()"));
    }

    /** The client properties file of {@code principal} on a secured stack, ready for {@code --config}. */
    public Path clientConfig(Principal principal) {
        return security().clientConfig(principal);
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader.
     * Idempotent: if the topic exists with {@code partitions} partitions, nothing happens.
     *
     * @throws IllegalStateException if it exists with another partition count, or the broker
     *     does not answer within 30 s
     */
    public void createTopic(String name, int partitions) {
        Admin admin = running().admin();
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "Could not create topic " + name + " on " + bootstrapServers() + ": " + e.getCause(), e);
            }
            int existing = describe(admin, name).partitions().size();
            if (existing != partitions) {
                throw new IllegalStateException(
                        "Topic " + name + " already exists with " + existing + " partitions, not " + partitions);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Broker " + bootstrapServers() + " did not create topic " + name + " within "
                            + ADMIN_TIMEOUT.toSeconds() + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
        awaitLeaders(admin, name);
    }

    /**
     * Stops the broker (SIGTERM, a clean shutdown), keeping its data; the registry keeps
     * running. Clients see the broker as unreachable until {@link #startBroker()}.
     */
    public void stopBroker() {
        long start = System.nanoTime();
        Running current = running();
        current.stack.stopBroker();
        report("broker " + current.stack.bootstrapServers() + " stopped in " + secondsSince(start));
    }

    /**
     * Kills the broker (SIGKILL: a crash; it recovers its logs at the next start), keeping its
     * data; the registry keeps running.
     */
    public void killBroker() {
        long start = System.nanoTime();
        Running current = running();
        current.stack.killBroker();
        report("broker " + current.stack.bootstrapServers() + " killed in " + secondsSince(start));
    }

    /**
     * Starts the broker again on the same ports with the same data (topics, records, committed
     * offsets) and waits until it answers.
     */
    public void startBroker() {
        long start = System.nanoTime();
        Running current = running();
        current.stack.startBroker();
        report("broker " + current.stack.bootstrapServers() + " ready again in " + secondsSince(start));
    }

    /** Stops the registry (SIGTERM), keeping its stored schemas; the broker keeps running. */
    public void stopRegistry() {
        long start = System.nanoTime();
        Running current = running();
        current.stack.stopRegistry();
        report("registry " + current.stack.schemaRegistryUrl() + " stopped in " + secondsSince(start));
    }

    /** Kills the registry (SIGKILL), keeping its stored schemas. */
    public void killRegistry() {
        long start = System.nanoTime();
        Running current = running();
        current.stack.killRegistry();
        report("registry " + current.stack.schemaRegistryUrl() + " killed in " + secondsSince(start));
    }

    /**
     * Starts the registry again on the same port with the same stored schemas, so every schema id
     * issued before still names the same schema, and waits until it answers.
     */
    public void startRegistry() {
        long start = System.nanoTime();
        Running current = running();
        current.stack.startRegistry();
        report("registry " + current.stack.schemaRegistryUrl() + " ready again in " + secondsSince(start));
    }

    private Running running() {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException("RealKafkaStack is not started. Register it on a static field: "
                    + "@RegisterExtension static final RealKafkaStack STACK = RealKafkaStack.shared();");
        }
        return current;
    }

    private synchronized Running start() {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("popsurvey-stack-");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot create a temporary folder for the test stack: " + e.getMessage(), e);
        }
        StackSettings.Builder settings = StackSettings.builder(stateDir)
                .launchMode(LaunchMode.TIED)
                .deleteStateOnStop(true)
                .secure(secure);
        long start = System.nanoTime();
        try {
            running = new Running(LocalStack.startOnFreePorts(settings, Runtimes.locate(RepoRoot.find())));
            report((shared ? "shared" : "dedicated") + (secure ? " secured" : "") + " stack ready in "
                    + secondsSince(start) + ": bootstrap servers "
                    + running.stack.bootstrapServers() + ", schema registry " + running.stack.schemaRegistryUrl()
                    + ", state " + stateDir);
            return running;
        } catch (RuntimeException e) {
            Directories.deleteRecursively(stateDir);
            throw e;
        }
    }

    /** One line per lifecycle event on stdout, so slow or failing CI runs can be read. */
    private static void report(String event) {
        System.out.println("[RealKafkaStack] " + event);
    }

    private static String secondsSince(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static TopicDescription describe(Admin admin, String topic) {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return topics.get(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe topic " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topic " + topic, e);
        }
    }

    private static void awaitLeaders(Admin admin, String topic) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            TopicDescription description = null;
            try {
                description = describe(admin, topic);
            } catch (IllegalStateException e) {
                // Metadata for a new topic can lag for a moment: UnknownTopicOrPartition.
            }
            if (description != null
                    && description.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + topic + " has partitions without a leader after "
                        + ADMIN_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic " + topic, e);
            }
        }
    }

    /** A started stack and its admin client; closing it stops the processes and deletes the state. */
    private final class Running implements AutoCloseable {
        private final LocalStack stack;
        private Admin admin;

        Running(LocalStack stack) {
            this.stack = stack;
        }

        synchronized Admin admin() {
            if (admin == null) {
                Properties config = new Properties();
                stack.secure().ifPresent(secured -> config.putAll(secured.kafkaClientConfig(Principal.ADMIN)));
                config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
                config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "popsurvey-testkit-admin");
                admin = Admin.create(config);
            }
            return admin;
        }

        @Override
        public synchronized void close() {
            running = null;
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            stack.stop();
        }
    }
}
