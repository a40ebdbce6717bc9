package org.popsurvey.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.popsurvey.stack.component.ComponentStatus;
import org.popsurvey.stack.component.Directories;
import org.popsurvey.stack.component.HdfsProcesses;
import org.popsurvey.stack.component.KafkaBrokerProcess;
import org.popsurvey.stack.component.PortUse;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.component.SchemaRegistryProcess;
import org.popsurvey.stack.component.StackComponent;
import org.popsurvey.stack.component.StopReport;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.stack.process.PortTakenException;
import org.popsurvey.stack.process.StackException;
import org.popsurvey.stack.secure.SecureStack;

/**
 * The local stack as a Java API: a single-node KRaft broker and the Apicurio registry (plus,
 * optionally, HDFS) as background processes on 127.0.0.1. Used by {@code popsurvey stack}, by
 * the {@code demo} command and by the test kit.
 *
 * <p>Guarantees: ports are checked before anything starts; if any component fails to start,
 * every process started so far is stopped before the {@link StackException} (naming the
 * component, its endpoint and the tail of its log) is thrown. Each {@link #start} begins with
 * empty data: a broker that kept old records would hold schema ids the new registry never
 * issued. It wipes only a state folder it made ({@link StateFolder}).
 */
public final class LocalStack implements AutoCloseable {

    /** Starts {@link #startOnFreePorts} makes before it gives up. */
    public static final int PORT_ATTEMPTS = 3;

    private final StackSettings settings;
    private final KafkaBrokerProcess broker;
    private final SchemaRegistryProcess registry;
    private final HdfsProcesses hdfs;
    /** Only for a cluster stack ({@link StackSettings#cluster()}), which has no single broker. */
    private final StackCluster cluster;
    /** Present for a secured stack. */
    private final Optional<SecureStack> secure;
    /** Launch order; the registry first because it has nothing to prepare and starts slowest. */
    private final List<StackComponent> components = new ArrayList<>();

    private final Map<String, Duration> readyTimes = new LinkedHashMap<>();
    private Thread shutdownHook;

    private LocalStack(StackSettings settings, Runtimes runtimes, Optional<SecureStack> secure) {
        this.settings = settings;
        this.secure = secure;
        this.registry = new SchemaRegistryProcess(
                settings.stateDir(), settings.registryPort(), runtimes, secure.map(SecureStack::registrySecurity));
        Optional<ClusterSettings> clusterSettings = settings.cluster();
        this.broker = clusterSettings.isPresent()
                ? null
                : new KafkaBrokerProcess(
                        settings.stateDir(),
                        settings.kafkaPort(),
                        settings.controllerPort(),
                        runtimes,
                        secure.map(s -> s.brokerSecurity(settings.kafkaPort(), settings.controllerPort())));
        this.hdfs = settings.hdfs()
                ? new HdfsProcesses(
                        settings.stateDir(),
                        settings.namenodePort(),
                        settings.namenodeHttpPort(),
                        clusterSettings.map(ClusterSettings::dataNodePorts).orElse(List.of()),
                        runtimes)
                : null;
        this.cluster = clusterSettings
                .map(sizes -> StackCluster.create(settings, sizes, hdfs, runtimes))
                .orElse(null);
        components.add(registry);
        components.add(cluster != null ? cluster.kafka() : broker);
        if (hdfs != null) {
            components.add(hdfs);
        }
        if (cluster != null) {
            components.add(cluster.spark());
        }
    }

    /**
     * Starts every component and waits until each is ready.
     *
     * @throws StackException if something is already running in the state folder, a runtime
     *     is not built, a port is taken, or a component does not become ready; nothing is left
     *     running in that case
     */
    public static LocalStack start(StackSettings settings, Runtimes runtimes) {
        LocalStack stack = new LocalStack(
                settings,
                runtimes,
                settings.secure() ? Optional.of(SecureStack.generate(settings.stateDir())) : Optional.empty());
        stack.startAll();
        return stack;
    }

    /**
     * Starts a stack on ports the operating system reports free ({@link StackSettings.Builder#freePorts}).
     * Another program can take such a port before the stack listens on it; the stack then
     * starts again on new ports, up to {@value #PORT_ATTEMPTS} attempts in all, saying so on
     * standard error.
     *
     * @throws StackException as {@link #start}; a {@link PortTakenException} if every attempt lost a port
     */
    public static LocalStack startOnFreePorts(StackSettings.Builder settings, Runtimes runtimes) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(settings.freePorts().build(), runtimes);
            } catch (PortTakenException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                System.err.println("popsurvey stack: "
                        + e.getMessage().lines().findFirst().orElse("") + " Starting again on new ports (attempt "
                        + (attempt + 1) + " of " + PORT_ATTEMPTS + ").");
            }
        }
    }

    /** A handle on a stack started earlier (maybe by another JVM) in the same state folder. */
    public static LocalStack attach(StackSettings settings, Runtimes runtimes) {
        return new LocalStack(
                settings,
                runtimes,
                settings.secure() && SecureStack.isWritten(settings.stateDir())
                        ? Optional.of(SecureStack.load(settings.stateDir()))
                        : Optional.empty());
    }

    public StackSettings settings() {
        return settings;
    }

    /** {@code bootstrap.servers} for Kafka clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return cluster != null ? cluster.kafka().bootstrapServers() : broker.bootstrapServers();
    }

    /** The cluster's parts, if this stack is a cluster ({@code stack up --cluster}). */
    public Optional<StackCluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** {@code schema.registry.url}, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** The secured stack's secrets and client settings; empty for a plain stack. */
    public Optional<SecureStack> secure() {
        return secure;
    }

    /** {@code fs.defaultFS} of the local HDFS, if the stack has one. */
    public Optional<String> hdfsUri() {
        return Optional.ofNullable(hdfs).map(HdfsProcesses::uri);
    }

    /** Time from launch to ready of each component started by {@link #start}, in launch order. */
    public Map<String, Duration> readyTimes() {
        return Collections.unmodifiableMap(readyTimes);
    }

    /** Each process with its pid, endpoint and whether it answers now. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> status = new ArrayList<>();
        for (StackComponent component : components) {
            status.addAll(component.status());
        }
        return status;
    }

    /**
     * Stops every process (SIGTERM, then SIGKILL after a grace period), last started first; with
     * {@link StackSettings#deleteStateOnStop()} also deletes the state folder.
     */
    public synchronized List<StopReport> stop() {
        List<StopReport> reports = new ArrayList<>();
        for (int i = components.size() - 1; i >= 0; i--) {
            reports.addAll(components.get(i).stop());
        }
        removeShutdownHook();
        if (settings.deleteStateOnStop()
                && StateFolder.isOurs(settings.stateDir())
                && reports.stream().noneMatch(r -> r.result() == ManagedProcess.StopResult.STILL_RUNNING)) {
            Directories.deleteRecursively(settings.stateDir());
        }
        return reports;
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the broker only (SIGTERM: a clean shutdown), keeping its data (for tests of broker outages). */
    public synchronized StopReport stopBroker() {
        return broker.stop().get(0);
    }

    /** Kills the broker only (SIGKILL: a crash, its logs left to recover at the next start), keeping its data. */
    public synchronized StopReport killBroker() {
        return kill(broker);
    }

    /**
     * Starts the broker again on the same ports with the same data and waits until it is ready.
     *
     * @return time until ready
     */
    public synchronized Duration startBroker() {
        return restart(broker);
    }

    /** Stops the registry only (SIGTERM), keeping its stored schemas (for tests of registry outages). */
    public synchronized StopReport stopRegistry() {
        return registry.stop().get(0);
    }

    /** Kills the registry only (SIGKILL), keeping its stored schemas. */
    public synchronized StopReport killRegistry() {
        return kill(registry);
    }

    /**
     * Starts the registry again on the same port with the same stored schemas (the same ids) and
     * waits until it answers.
     *
     * @return time until ready
     */
    public synchronized Duration startRegistry() {
        return restart(registry);
    }

    private static StopReport kill(StackComponent component) {
        ManagedProcess process = component.processes().get(0);
        OptionalLong pid =
                process.running().map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty());
        return new StopReport(process.name(), pid, process.kill());
    }

    /** Launches a stopped component again, without clearing its data, and waits for it. */
    private Duration restart(StackComponent component) {
        Ports.requireDistinctAndFree(component.ports());
        component.launch(settings.launchMode());
        try {
            return component.awaitReady(settings.startTimeout());
        } catch (RuntimeException e) {
            component.stop();
            throw e;
        }
    }

    private void startAll() {
        for (StackComponent component : components) {
            for (ManagedProcess process : component.processes()) {
                process.running().ifPresent(handle -> {
                    throw new StackException("A stack is already running from " + settings.stateDir() + " ("
                            + process.name() + " pid " + handle.pid()
                            + "). Stop it with `popsurvey stack down`, or use another --state-dir.");
                });
            }
        }
        StateFolder.claim(settings.stateDir()); // before anything is cleared: never wipe a folder of the user's
        components.forEach(StackComponent::checkRuntime);
        List<PortUse> ports = new ArrayList<>();
        components.forEach(component -> ports.addAll(component.ports()));
        Ports.requireDistinctAndFree(ports);
        try {
            Files.createDirectories(settings.logDir());
            settings.store();
            secure.ifPresent(secured -> secured.writeFiles(settings.registryPort()));
        } catch (IOException e) {
            throw new StackException(
                    "Cannot create the state folder " + settings.stateDir() + ": " + e.getMessage(), e);
        }

        installShutdownHook();
        StackComponent current = null;
        try {
            for (StackComponent component : components) {
                current = component;
                component.clearData();
                component.launch(settings.launchMode());
            }
            for (StackComponent component : components) {
                current = component;
                readyTimes.put(component.name(), component.awaitReady(settings.startTimeout()));
            }
            if (secure.isPresent()) {
                current = broker;
                secure.get().grantAccess(bootstrapServers());
                secure.get().writeClientConfigs(bootstrapServers(), schemaRegistryUrl());
            }
        } catch (RuntimeException e) {
            stopAfterFailure(e);
            String message = e.getMessage();
            if (current != null && !message.startsWith(current.name())) {
                message = "Could not start " + current.name() + ": " + message;
            }
            message += System.lineSeparator() + "Every process started so far was stopped.";
            throw e instanceof PortTakenException ? new PortTakenException(message, e) : new StackException(message, e);
        }
        if (settings.launchMode() == LaunchMode.DETACHED) {
            removeShutdownHook(); // the processes now outlive this JVM on purpose
        }
    }

    private void stopAfterFailure(RuntimeException failure) {
        try {
            stop();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * While starting (any mode) and for the whole life of a tied stack: if this JVM exits, stop
     * the processes. Ctrl-C during {@code stack up} leaves nothing behind.
     */
    private synchronized void installShutdownHook() {
        shutdownHook = new Thread(
                () -> {
                    try {
                        for (StopReport report : stop()) {
                            if (report.result() != ManagedProcess.StopResult.NOT_RUNNING) {
                                System.err.println(
                                        "popsurvey stack: JVM exiting, " + report.name() + " " + report.result());
                            }
                        }
                    } catch (RuntimeException e) {
                        System.err.println("popsurvey stack: stopping at JVM exit failed: " + e.getMessage());
                    }
                },
                "popsurvey-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private synchronized void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook is running or has run.
            }
        }
        shutdownHook = null;
    }
}
