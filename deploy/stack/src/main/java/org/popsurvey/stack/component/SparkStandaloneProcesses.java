package org.popsurvey.stack.component;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.popsurvey.stack.process.JavaCommand;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.stack.process.StackException;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and N workers, from a Spark distribution's
 * jars only ({@code deploy/spark-standalone}); the enricher reaches it through {@code SparkSubmit}
 * with its shaded jar, as on a real cluster. A worker launches executors with Spark's launcher,
 * which wants a distribution's layout: {@code SPARK_HOME} with a {@code RELEASE} file and the jars
 * under {@code jars/}; that folder is made of links to the class path's jars.
 */
public final class SparkStandaloneProcesses implements StackComponent {

    public static final String NAME = "spark";
    public static final String MASTER = "spark-master";
    public static final String WORKER_PREFIX = "spark-worker-";
    public static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    public static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    /** One core each: two workers on a two-core machine shared with brokers and validators. */
    public static final int WORKER_CORES = 1;
    /** What a worker may give its executors (an executor asks for 512m by default here). */
    public static final String WORKER_MEMORY = "768m";

    private static final List<String> JVM_OPTIONS =
            List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final int masterPort;
    private final int webPort;
    private final List<Integer> workerPorts;
    private final Runtimes runtimes;
    private final Path dir;
    private final ManagedProcess master;
    private final List<ManagedProcess> workers = new ArrayList<>();
    private final SparkMasterProbe probe;

    public SparkStandaloneProcesses(
            Path stateDir, int masterPort, int webPort, List<Integer> workerPorts, Runtimes runtimes) {
        this.masterPort = masterPort;
        this.webPort = webPort;
        this.workerPorts = List.copyOf(workerPorts);
        this.runtimes = runtimes;
        this.dir = stateDir.resolve(NAME);
        this.master = new ManagedProcess(MASTER, stateDir);
        for (int i = 1; i <= workerPorts.size(); i++) {
            workers.add(new ManagedProcess(WORKER_PREFIX + i, stateDir));
        }
        this.probe = new SparkMasterProbe(webUrl());
    }

    /** {@code spark://127.0.0.1:PORT}, the {@code --master} of {@code SparkSubmit}. */
    public String masterUrl() {
        return "spark://" + Ports.HOST + ":" + masterPort;
    }

    /** The master's web UI; {@code /json} lists workers and applications. */
    public String webUrl() {
        return "http://" + Ports.HOST + ":" + webPort;
    }

    /** The master's view of the cluster: workers and their executors. */
    public SparkMasterProbe probe() {
        return probe;
    }

    /** Worker processes, in the order of their RPC ports. */
    public List<ManagedProcess> workers() {
        return List.copyOf(workers);
    }

    /** RPC port of each worker; the master lists a worker with it. */
    public List<Integer> workerPorts() {
        return workerPorts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PortUse> ports() {
        List<PortUse> uses = new ArrayList<>(List.of(
                new PortUse(masterPort, "Spark master", "--spark-workers"),
                new PortUse(webPort, "Spark master web UI", "--spark-workers")));
        for (int i = 0; i < workerPorts.size(); i++) {
            uses.add(new PortUse(workerPorts.get(i), "Spark worker " + (i + 1), "--spark-workers"));
        }
        return uses;
    }

    @Override
    public void checkRuntime() {
        runtimes.sparkStandaloneClassPath();
    }

    @Override
    public void clearData() {
        Directories.deleteRecursively(dir);
    }

    @Override
    public void launch(LaunchMode mode) {
        Path home = prepareSparkHome();
        Map<String, String> environment =
                Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", Ports.HOST);
        master.start(
                new JavaCommand(
                        JVM_OPTIONS,
                        runtimes.sparkStandaloneClassPath(),
                        MASTER_CLASS,
                        List.of(
                                "--host",
                                Ports.HOST,
                                "--port",
                                Integer.toString(masterPort),
                                "--webui-port",
                                Integer.toString(webPort))),
                mode,
                environment);
        for (int i = 0; i < workers.size(); i++) {
            launchWorker(i, mode, environment);
        }
    }

    private void launchWorker(int index, LaunchMode mode, Map<String, String> environment) {
        workers.get(index)
                .start(
                        new JavaCommand(
                                JVM_OPTIONS,
                                runtimes.sparkStandaloneClassPath(),
                                WORKER_CLASS,
                                List.of(
                                        "--host",
                                        Ports.HOST,
                                        "--port",
                                        Integer.toString(workerPorts.get(index)),
                                        "--webui-port",
                                        "0",
                                        "--cores",
                                        Integer.toString(WORKER_CORES),
                                        "--memory",
                                        WORKER_MEMORY,
                                        "--work-dir",
                                        dir.resolve("work-" + (index + 1)).toString(),
                                        masterUrl())),
                        mode,
                        environment);
    }

    @Override
    public Duration awaitReady(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        master.awaitReady(probe::alive, timeout, masterUrl() + " (web " + webUrl() + ")");
        for (int i = 0; i < workers.size(); i++) {
            int port = workerPorts.get(i);
            workers.get(i)
                    .awaitReady(
                            () -> registered(port),
                            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                            "registered with " + masterUrl());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public List<ManagedProcess> processes() {
        List<ManagedProcess> processes = new ArrayList<>(List.of(master));
        processes.addAll(workers);
        return processes;
    }

    @Override
    public List<ComponentStatus> status() {
        List<ComponentStatus> status = new ArrayList<>();
        status.add(ProcessComponents.status(master, masterUrl() + " (web " + webUrl() + ")", answers(probe::alive)));
        for (int i = 0; i < workers.size(); i++) {
            int port = workerPorts.get(i);
            status.add(ProcessComponents.status(
                    workers.get(i),
                    Ports.HOST + ":" + port + ", registered with " + masterUrl(),
                    answers(() -> registered(port))));
        }
        return status;
    }

    @Override
    public List<StopReport> stop() {
        return ProcessComponents.stopInReverse(processes());
    }

    /** The master lists the worker on this RPC port as alive. */
    private boolean registered(int port) throws IOException, InterruptedException {
        return probe.workers().stream().anyMatch(worker -> worker.port() == port && worker.alive());
    }

    private static boolean answers(org.popsurvey.stack.process.ReadinessCheck check) {
        try {
            return check.isReady();
        } catch (Exception e) {
            return false;
        }
    }

    private Path prepareSparkHome() {
        Path home = dir.resolve("home");
        Path jars = home.resolve("jars");
        try {
            Files.createDirectories(jars);
            Files.writeString(home.resolve("RELEASE"), "Spark jars of deploy/spark-standalone, linked by popsurvey\n");
            for (Path jar : runtimes.sparkStandaloneClassPath()) {
                try {
                    Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
                } catch (FileAlreadyExistsException e) {
                    // Two class path entries with one file name: the first one is the one Spark would see.
                }
            }
        } catch (IOException e) {
            throw new StackException("Cannot lay out a Spark home in " + home + ": " + e.getMessage(), e);
        }
        return home;
    }
}
