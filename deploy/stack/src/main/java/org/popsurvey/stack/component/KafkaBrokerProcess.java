package org.popsurvey.stack.component;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.popsurvey.stack.process.JavaCommand;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.stack.process.StackException;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process) listening on
 * 127.0.0.1 only, with every replication factor 1 so it works alone. Its storage is formatted
 * on first launch; later launches (e.g. {@code startBroker} in a fault test) reuse it.
 */
public final class KafkaBrokerProcess implements StackComponent {

    public static final String NAME = "kafka-broker";
    public static final String MAIN_CLASS = "kafka.Kafka";
    public static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-Djava.awt.headless=true");
    /** Short-lived tool: the C1 compiler alone starts faster. */
    private static final List<String> TOOL_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final String META_PROPERTIES = "meta.properties";
    private static final int NODE_ID = 1;

    private final int port;
    private final int controllerPort;
    private final Runtimes runtimes;
    private final Path dir;
    private final Path dataDir;
    private final Path configFile;
    private final ManagedProcess process;
    private final Optional<BrokerSecurity> security;

    public KafkaBrokerProcess(Path stateDir, int port, int controllerPort, Runtimes runtimes) {
        this(stateDir, port, controllerPort, runtimes, Optional.empty());
    }

    /** A broker whose listeners and authorizer {@code security} sets, if present. */
    public KafkaBrokerProcess(
            Path stateDir, int port, int controllerPort, Runtimes runtimes, Optional<BrokerSecurity> security) {
        this.security = security;
        this.port = port;
        this.controllerPort = controllerPort;
        this.runtimes = runtimes;
        this.dir = stateDir.resolve("kafka");
        this.dataDir = dir.resolve("data");
        this.configFile = dir.resolve("server.properties");
        this.process = new ManagedProcess(NAME, stateDir);
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PortUse> ports() {
        return List.of(
                new PortUse(port, "Kafka broker", "--kafka-port"),
                new PortUse(controllerPort, "Kafka controller", "--controller-port"));
    }

    @Override
    public void checkRuntime() {
        runtimes.kafkaClassPath();
    }

    @Override
    public void clearData() {
        Directories.deleteRecursively(dataDir);
    }

    @Override
    public void launch(LaunchMode mode) {
        List<Path> classPath = runtimes.kafkaClassPath();
        writeConfig();
        if (!Files.exists(dataDir.resolve(META_PROPERTIES))) {
            format(classPath);
        }
        process.start(new JavaCommand(JVM_OPTIONS, classPath, MAIN_CLASS, List.of(configFile.toString())), mode);
    }

    private void format(List<Path> classPath) {
        List<String> args =
                new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()));
        List<String> secretArgs = security.map(BrokerSecurity::secretFormatArgs).orElse(List.of());
        if (secretArgs.isEmpty()) {
            process.runToCompletion(
                    "formatting storage " + dataDir,
                    new JavaCommand(TOOL_JVM_OPTIONS, classPath, STORAGE_TOOL, args),
                    FORMAT_TIMEOUT);
            return;
        }
        // The java launcher reads the main class and its arguments from an @-file: the secrets
        // never appear on a command line that other users can list.
        Path argFile = dir.resolve("format.args");
        List<String> lines = new ArrayList<>();
        lines.add(STORAGE_TOOL);
        args.forEach(arg -> lines.add('"' + arg + '"'));
        secretArgs.forEach(arg -> lines.add('"' + arg + '"'));
        try {
            Files.deleteIfExists(argFile);
            Files.createFile(
                    argFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(argFile, lines, StandardCharsets.UTF_8);
            process.runToCompletion(
                    "formatting storage " + dataDir,
                    new JavaCommand(TOOL_JVM_OPTIONS, classPath, "@" + argFile, List.of()),
                    FORMAT_TIMEOUT);
        } catch (IOException e) {
            throw new StackException("Cannot write " + argFile + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(argFile);
            } catch (IOException e) {
                // Owner-only and in the state folder; the next start deletes it.
            }
        }
    }

    @Override
    public Duration awaitReady(Duration timeout) {
        try (BrokerProbe probe = new BrokerProbe(port, BrokerProbe.READINESS_TIMEOUT, probeConfig())) {
            return process.awaitReady(probe, timeout, bootstrapServers());
        }
    }

    @Override
    public List<ManagedProcess> processes() {
        return List.of(process);
    }

    @Override
    public List<ComponentStatus> status() {
        boolean reachable;
        try (BrokerProbe probe = new BrokerProbe(port, BrokerProbe.STATUS_TIMEOUT, probeConfig())) {
            reachable = probe.isReady();
        } catch (Exception e) {
            reachable = false;
        }
        return List.of(ProcessComponents.status(
                process, bootstrapServers() + " (controller " + Ports.HOST + ":" + controllerPort + ")", reachable));
    }

    @Override
    public List<StopReport> stop() {
        return ProcessComponents.stopInReverse(processes());
    }

    /** The broker configuration; one node that is both broker and controller. */
    Map<String, String> config() {
        // One node: every topic, internal ones included, must make do with one replica.
        Map<String, String> config = KafkaNodeConfig.of(NODE_ID, port, List.of(controllerPort), dataDir, 1, 1);
        security.ifPresent(secured -> config.putAll(secured.serverConfig()));
        return config;
    }

    private Map<String, Object> probeConfig() {
        return security.map(BrokerSecurity::probeConfig).orElse(Map.of());
    }

    private void writeConfig() {
        try {
            Files.createDirectories(dir);
            try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                writer.write("# Written by popsurvey stack; rewritten at each start." + System.lineSeparator());
                for (Map.Entry<String, String> entry : config().entrySet()) {
                    writer.write(entry.getKey() + "=" + entry.getValue() + System.lineSeparator());
                }
            }
        } catch (IOException e) {
            throw new StackException(
                    "Cannot write the Kafka broker configuration " + configFile + ": " + e.getMessage(), e);
        }
    }
}
