package org.popsurvey.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.StackException;

/**
 * What to start and where: ports on 127.0.0.1, the state folder (pid files, logs, data), whether
 * HDFS is included, how long to wait for readiness, and whether the processes outlive this JVM.
 * Built with {@link #builder(Path)}; unset values take the defaults below.
 */
public final class StackSettings {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = 8081;
    public static final int DEFAULT_NAMENODE_PORT = 8020;
    public static final int DEFAULT_NAMENODE_HTTP_PORT = 9870;
    /** Generous: on a busy 2-core machine a JVM service can take several times its usual 5-10 s. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    /** Written by {@code stack up} into the state folder, read by {@code status} and {@code down}. */
    public static final String STATE_FILE = "stack.properties";

    private static final String KAFKA_PORT = "kafka.port";
    private static final String CONTROLLER_PORT = "controller.port";
    private static final String REGISTRY_PORT = "registry.port";
    private static final String HDFS = "hdfs";
    private static final String NAMENODE_PORT = "namenode.port";
    private static final String NAMENODE_HTTP_PORT = "namenode.http.port";
    private static final String SECURE = "secure";

    private final Path stateDir;
    private final int kafkaPort;
    private final int controllerPort;
    private final int registryPort;
    private final boolean hdfs;
    private final int namenodePort;
    private final int namenodeHttpPort;
    private final Duration startTimeout;
    private final LaunchMode launchMode;
    private final boolean deleteStateOnStop;
    private final ClusterSettings cluster;
    private final boolean secure;

    private StackSettings(Builder b) {
        this.secure = b.secure;
        this.stateDir = b.stateDir.toAbsolutePath().normalize();
        this.kafkaPort = b.kafkaPort;
        this.controllerPort = b.controllerPort != null ? b.controllerPort : b.kafkaPort + 1;
        this.registryPort = b.registryPort;
        this.hdfs = b.hdfs;
        this.namenodePort = b.namenodePort;
        this.namenodeHttpPort = b.namenodeHttpPort;
        this.startTimeout = b.startTimeout;
        this.launchMode = b.launchMode;
        this.deleteStateOnStop = b.deleteStateOnStop;
        this.cluster = b.cluster;
    }

    public static Builder builder(Path stateDir) {
        return new Builder(stateDir);
    }

    /** The default state folder: {@code <repository root>/.popsurvey/stack} (git-ignored). */
    public static Path defaultStateDir(Path repoRoot) {
        return repoRoot.resolve(".popsurvey").resolve("stack");
    }

    /**
     * The settings {@code stack up} recorded in {@code stateDir}, as a builder so options given
     * to {@code status} or {@code down} can override them; empty if nothing was recorded.
     */
    public static Optional<Builder> recorded(Path stateDir) {
        Path file = stateDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
            Builder recorded = builder(stateDir);
            ClusterSettings.load(p).ifPresent(recorded::cluster);
            return Optional.of(recorded.kafkaPort(Integer.parseInt(p.getProperty(KAFKA_PORT)))
                    .controllerPort(Integer.parseInt(p.getProperty(CONTROLLER_PORT)))
                    .registryPort(Integer.parseInt(p.getProperty(REGISTRY_PORT)))
                    .hdfs(Boolean.parseBoolean(p.getProperty(HDFS)))
                    .namenodePort(Integer.parseInt(p.getProperty(NAMENODE_PORT)))
                    .namenodeHttpPort(Integer.parseInt(p.getProperty(NAMENODE_HTTP_PORT)))
                    .secure(Boolean.parseBoolean(p.getProperty(SECURE))));
        } catch (IOException | RuntimeException e) {
            throw new StackException(
                    "Cannot read the stack state " + file + " (" + e.getMessage()
                            + "). Stop the processes listed by their pid files in " + stateDir
                            + " and delete the folder.",
                    e);
        }
    }

    /** Records these settings in the state folder for later {@code status} and {@code down}. */
    void store() throws IOException {
        Properties p = new Properties();
        p.setProperty(KAFKA_PORT, Integer.toString(kafkaPort));
        p.setProperty(CONTROLLER_PORT, Integer.toString(controllerPort));
        p.setProperty(REGISTRY_PORT, Integer.toString(registryPort));
        p.setProperty(HDFS, Boolean.toString(hdfs));
        p.setProperty(NAMENODE_PORT, Integer.toString(namenodePort));
        p.setProperty(NAMENODE_HTTP_PORT, Integer.toString(namenodeHttpPort));
        if (cluster != null) {
            cluster.store(p);
        }
        p.setProperty(SECURE, Boolean.toString(secure));
        Files.createDirectories(stateDir);
        try (Writer writer = Files.newBufferedWriter(stateDir.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
            p.store(writer, "Written by `popsurvey stack up`; read by `stack status` and `stack down`.");
        }
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path logDir() {
        return stateDir.resolve("logs");
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public int registryPort() {
        return registryPort;
    }

    public boolean hdfs() {
        return hdfs;
    }

    public int namenodePort() {
        return namenodePort;
    }

    public int namenodeHttpPort() {
        return namenodeHttpPort;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public LaunchMode launchMode() {
        return launchMode;
    }

    /** The cluster's sizes and ports when the stack is a cluster ({@code stack up --cluster}). */
    public Optional<ClusterSettings> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** True for throw-away stacks (tests): stopping them deletes the whole state folder. */
    public boolean deleteStateOnStop() {
        return deleteStateOnStop;
    }

    /** True for the secured stack: SASL_SSL, ACLs, an HTTPS registry with users ({@code stack up --secure}). */
    public boolean secure() {
        return secure;
    }

    /** Fluent builder; every setter is optional. */
    public static final class Builder {
        private final Path stateDir;
        private int kafkaPort = DEFAULT_KAFKA_PORT;
        private Integer controllerPort;
        private int registryPort = DEFAULT_REGISTRY_PORT;
        private boolean hdfs;
        private int namenodePort = DEFAULT_NAMENODE_PORT;
        private int namenodeHttpPort = DEFAULT_NAMENODE_HTTP_PORT;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private LaunchMode launchMode = LaunchMode.DETACHED;
        private boolean deleteStateOnStop;
        private ClusterSettings cluster;
        private boolean secure;

        private Builder(Path stateDir) {
            this.stateDir = stateDir;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** Defaults to the Kafka port + 1. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        public Builder registryPort(int port) {
            this.registryPort = port;
            return this;
        }

        public Builder hdfs(boolean enabled) {
            this.hdfs = enabled;
            return this;
        }

        public Builder namenodePort(int port) {
            this.namenodePort = port;
            return this;
        }

        public Builder namenodeHttpPort(int port) {
            this.namenodeHttpPort = port;
            return this;
        }

        /**
         * Sets every port (HDFS's too, if {@link #hdfs} is on: call that first) to one the
         * operating system reports free now.
         */
        public Builder freePorts() {
            List<Integer> ports = Ports.freePorts(hdfs ? 5 : 3);
            kafkaPort = ports.get(0);
            controllerPort = ports.get(1);
            registryPort = ports.get(2);
            if (hdfs) {
                namenodePort = ports.get(3);
                namenodeHttpPort = ports.get(4);
            }
            if (cluster != null) {
                cluster = cluster.onFreePorts();
                kafkaPort = cluster.brokerPorts().get(0);
                controllerPort = cluster.controllerPorts().get(0);
            }
            return this;
        }

        /**
         * Makes the stack a cluster of these sizes, with HDFS (see {@link ClusterSettings}); the
         * first Kafka node takes the Kafka and controller ports.
         */
        public Builder cluster(ClusterSettings settings) {
            this.cluster = settings;
            this.hdfs = true;
            this.kafkaPort = settings.brokerPorts().get(0);
            this.controllerPort = settings.controllerPorts().get(0);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder launchMode(LaunchMode mode) {
            this.launchMode = mode;
            return this;
        }

        public Builder deleteStateOnStop(boolean delete) {
            this.deleteStateOnStop = delete;
            return this;
        }

        public Builder secure(boolean enabled) {
            this.secure = enabled;
            return this;
        }

        public StackSettings build() {
            if (secure && cluster != null) {
                // Each mode is tested on its own; a secured cluster needs listeners and ACLs on every node.
                throw new StackException("--secure and --cluster cannot be combined yet: choose one.");
            }
            return new StackSettings(this);
        }
    }
}
