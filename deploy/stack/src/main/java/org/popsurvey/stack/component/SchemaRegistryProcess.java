package org.popsurvey.stack.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.popsurvey.stack.process.JavaCommand;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.stack.process.StackException;

/**
 * Apicurio Registry serving the Confluent Schema Registry API at
 * {@code http://127.0.0.1:<port>/apis/ccompat/v7}. Its storage is Apicurio's own H2 database,
 * kept in a file under the state folder instead of in memory, so a registry that is stopped (even
 * killed) and started again still knows every schema id it issued: records written before the
 * restart keep decoding. {@code stack up} wipes it with the broker's data.
 */
public final class SchemaRegistryProcess implements StackComponent {

    public static final String NAME = "schema-registry";
    /** Main class of a Quarkus uber-jar; run with -cp so a tied launch can wrap it. */
    public static final String MAIN_CLASS = "io.quarkus.runner.GeneratedMain";
    /** Path of the Confluent-compatible API on the registry. */
    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";

    /**
     * C1 only and the serial collector: the registry answers a handful of requests, and on two
     * shared cores this cuts its start-up CPU from about 7 s to 4 s (measured).
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * Apicurio's datasource (H2 in memory by default). {@code WRITE_DELAY=0}: each registration is
     * on disk when the registry answers, so a {@code kill -9} right after it loses nothing.
     */
    private static final String DATASOURCE_URL_PROPERTY = "quarkus.datasource.jdbc.url";

    private final int port;
    private final Runtimes runtimes;
    private final Path dataDir;
    private final ManagedProcess process;
    private final Optional<RegistrySecurity> security;

    public SchemaRegistryProcess(Path stateDir, int port, Runtimes runtimes) {
        this(stateDir, port, runtimes, Optional.empty());
    }

    /** A registry served over HTTPS only and requiring credentials, as {@code security} sets, if present. */
    public SchemaRegistryProcess(Path stateDir, int port, Runtimes runtimes, Optional<RegistrySecurity> security) {
        this.security = security;
        this.port = port;
        this.runtimes = runtimes;
        this.dataDir = stateDir.resolve(NAME);
        this.process = new ManagedProcess(NAME, stateDir);
    }

    /** The {@code schema.registry.url} value for clients. */
    public String url() {
        return (security.isPresent() ? "https" : "http") + "://" + Ports.HOST + ":" + port + CONFLUENT_API_PATH;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PortUse> ports() {
        return List.of(new PortUse(port, "schema registry", "--registry-port"));
    }

    @Override
    public void checkRuntime() {
        runtimes.registryJarFile();
        // Checked here because this runs before anything starts: ';' would end the H2 file name.
        if (dataDir.toString().contains(";")) {
            throw new StackException("State folder " + dataDir.getParent()
                    + " has a ';' in its path, which the registry's storage (an H2 file) cannot use; "
                    + "choose another --state-dir.");
        }
    }

    @Override
    public void clearData() {
        Directories.deleteRecursively(dataDir);
    }

    @Override
    public void launch(LaunchMode mode) {
        List<String> jvmOptions = new ArrayList<>(JVM_OPTIONS);
        jvmOptions.add("-Dquarkus.http.host=" + Ports.HOST);
        jvmOptions.add("-Dquarkus.http.port=" + port);
        security.ifPresent(secured -> jvmOptions.addAll(secured.jvmOptions()));
        jvmOptions.add(
                "-D" + DATASOURCE_URL_PROPERTY + "=jdbc:h2:file:" + dataDir.resolve("registry") + ";WRITE_DELAY=0");
        process.start(new JavaCommand(jvmOptions, List.of(runtimes.registryJarFile()), MAIN_CLASS, List.of()), mode);
    }

    @Override
    public Duration awaitReady(Duration timeout) {
        return process.awaitReady(new RegistryProbe(url(), security), timeout, url());
    }

    @Override
    public List<ManagedProcess> processes() {
        return List.of(process);
    }

    @Override
    public List<ComponentStatus> status() {
        boolean reachable;
        try {
            reachable = new RegistryProbe(url(), security).isReady();
        } catch (Exception e) {
            reachable = false;
        }
        return List.of(ProcessComponents.status(process, url(), reachable));
    }

    @Override
    public List<StopReport> stop() {
        return ProcessComponents.stopInReverse(processes());
    }
}
