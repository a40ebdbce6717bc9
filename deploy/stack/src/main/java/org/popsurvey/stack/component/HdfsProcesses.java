package org.popsurvey.stack.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.popsurvey.stack.process.JavaCommand;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.stack.process.StackException;

/**
 * A one-node HDFS: a NameNode on {@code hdfs://127.0.0.1:<port>} (web and JMX on another port)
 * and one DataNode on ephemeral ports of 127.0.0.1. With one DataNode, clients must write with
 * {@code dfs.replication=1} (Spark: {@code spark.hadoop.dfs.replication=1}). Permissions are
 * off: it is a local development store.
 *
 * <p>For a cluster, several DataNodes, each on a fixed transfer port (so a block's location names
 * its process) and its own data folder; {@link #replication()} is their count, at most three.
 */
public final class HdfsProcesses implements StackComponent {

    public static final String NAME = "hdfs";
    public static final String NAMENODE = "hdfs-namenode";
    public static final String DATANODE = "hdfs-datanode";
    public static final String NAMENODE_CLASS = "org.apache.hadoop.hdfs.server.namenode.NameNode";
    public static final String DATANODE_CLASS = "org.apache.hadoop.hdfs.server.datanode.DataNode";

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);
    /** Hadoop logs through reload4j (log4j 1 API); everything goes to the process's log file. */
    private static final String LOG4J_PROPERTIES = String.join(
            System.lineSeparator(),
            "log4j.rootLogger=INFO, console",
            "log4j.appender.console=org.apache.log4j.ConsoleAppender",
            "log4j.appender.console.target=System.out",
            "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.console.layout.ConversionPattern=%d{ISO8601} %p %c{2}: %m%n",
            "");

    private final int namenodePort;
    private final int httpPort;
    private final Runtimes runtimes;
    private final Path logDir;
    private final Path dir;
    private final Path confDir;
    private final ManagedProcess namenode;
    private final List<ManagedProcess> datanodes = new ArrayList<>();
    /** Transfer port of each DataNode; empty: one DataNode on ephemeral ports. */
    private final List<Integer> dataNodePorts;

    private final NameNodeProbe probe;
    private long launchedNanos;

    public HdfsProcesses(Path stateDir, int namenodePort, int httpPort, Runtimes runtimes) {
        this(stateDir, namenodePort, httpPort, List.of(), runtimes);
    }

    /** A NameNode and one DataNode per transfer port in {@code dataNodePorts}. */
    public HdfsProcesses(
            Path stateDir, int namenodePort, int httpPort, List<Integer> dataNodePorts, Runtimes runtimes) {
        this.dataNodePorts = List.copyOf(dataNodePorts);
        this.namenodePort = namenodePort;
        this.httpPort = httpPort;
        this.runtimes = runtimes;
        this.logDir = stateDir.resolve("logs");
        this.dir = stateDir.resolve("hdfs");
        this.confDir = dir.resolve("conf");
        this.namenode = new ManagedProcess(NAMENODE, stateDir);
        if (dataNodePorts.isEmpty()) {
            datanodes.add(new ManagedProcess(DATANODE, stateDir));
        }
        for (int i = 1; i <= dataNodePorts.size(); i++) {
            datanodes.add(new ManagedProcess(DATANODE + "-" + i, stateDir));
        }
        this.probe = new NameNodeProbe(httpPort);
    }

    /** {@code fs.defaultFS} for clients. */
    public String uri() {
        return "hdfs://" + Ports.HOST + ":" + namenodePort;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Copies of each block a client should write: one per DataNode, at most three. */
    public int replication() {
        return Math.min(3, datanodes.size());
    }

    /** The DataNode processes, in the order of their transfer ports. */
    public List<ManagedProcess> dataNodes() {
        return List.copyOf(datanodes);
    }

    /** Transfer port of each DataNode (empty for the one-DataNode stack, whose port is ephemeral). */
    public List<Integer> dataNodePorts() {
        return dataNodePorts;
    }

    @Override
    public List<PortUse> ports() {
        List<PortUse> uses = new ArrayList<>(List.of(
                new PortUse(namenodePort, "HDFS NameNode", "--namenode-port"),
                new PortUse(httpPort, "HDFS NameNode web/JMX", "--namenode-http-port")));
        for (int i = 0; i < dataNodePorts.size(); i++) {
            uses.add(new PortUse(dataNodePorts.get(i), "HDFS DataNode " + (i + 1), "--datanodes"));
        }
        return uses;
    }

    @Override
    public void checkRuntime() {
        runtimes.hdfsClassPath();
    }

    @Override
    public void clearData() {
        Directories.deleteRecursively(dir.resolve("name"));
        Directories.deleteRecursively(dir.resolve("data"));
        for (int i = 1; i <= dataNodePorts.size(); i++) {
            Directories.deleteRecursively(dir.resolve("data-" + i));
        }
    }

    @Override
    public void launch(LaunchMode mode) {
        launchedNanos = System.nanoTime();
        List<Path> classPath = new ArrayList<>();
        classPath.add(confDir); // first, so our *-site.xml and log4j.properties win
        classPath.addAll(runtimes.hdfsClassPath());
        writeConfig();
        if (!Files.exists(dir.resolve("name").resolve("current").resolve("VERSION"))) {
            namenode.runToCompletion(
                    "formatting the NameNode",
                    new JavaCommand(jvmOptions(), classPath, NAMENODE_CLASS, List.of("-format", "-nonInteractive")),
                    FORMAT_TIMEOUT);
        }
        namenode.start(new JavaCommand(jvmOptions(), classPath, NAMENODE_CLASS, List.of()), mode);
        for (int i = 0; i < datanodes.size(); i++) {
            launchDataNode(i, mode);
        }
    }

    /** Starts DataNode {@code index} (from 0), again after a kill, with its blocks; does not wait. */
    public void launchDataNode(int index, LaunchMode mode) {
        List<Path> classPath = new ArrayList<>();
        // Its own hdfs-site.xml first: its data folder and transfer port; then the shared one.
        classPath.add(dataNodePorts.isEmpty() ? confDir : dataNodeConfDir(index));
        classPath.addAll(runtimes.hdfsClassPath());
        datanodes.get(index).start(new JavaCommand(jvmOptions(), classPath, DATANODE_CLASS, List.of()), mode);
    }

    @Override
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        namenode.awaitReady(
                probe::operational, timeout, uri() + " (out of safe mode, web " + Ports.HOST + ":" + httpPort + ")");
        for (ManagedProcess datanode : datanodes) {
            datanode.awaitReady(
                    () -> probe.dataNodeLive() && probe.liveDataNodes() >= datanodes.size(),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    "registered with the NameNode " + uri());
        }
        return Duration.ofNanos(System.nanoTime() - launchedNanos);
    }

    @Override
    public List<ManagedProcess> processes() {
        List<ManagedProcess> processes = new ArrayList<>(List.of(namenode));
        processes.addAll(datanodes);
        return processes;
    }

    @Override
    public List<ComponentStatus> status() {
        List<ComponentStatus> status = new ArrayList<>(List.of(ProcessComponents.status(
                namenode, uri() + " (web " + Ports.HOST + ":" + httpPort + ")", answers(true))));
        for (int i = 0; i < datanodes.size(); i++) {
            String endpoint = dataNodePorts.isEmpty()
                    ? "registered with " + uri()
                    : Ports.HOST + ":" + dataNodePorts.get(i) + ", registered with " + uri();
            boolean listening = dataNodePorts.isEmpty() || Ports.accepts(dataNodePorts.get(i));
            status.add(ProcessComponents.status(datanodes.get(i), endpoint, listening && answers(false)));
        }
        return status;
    }

    @Override
    public List<StopReport> stop() {
        return ProcessComponents.stopInReverse(processes());
    }

    /** core-site.xml: where clients find the file system. */
    Map<String, String> coreSite() {
        Map<String, String> core = new LinkedHashMap<>();
        core.put("fs.defaultFS", uri());
        core.put("hadoop.tmp.dir", dir.resolve("tmp").toString());
        return core;
    }

    /** hdfs-site.xml: one NameNode and one DataNode, loopback only, replication 1. */
    Map<String, String> hdfsSite() {
        Map<String, String> hdfs = new LinkedHashMap<>();
        hdfs.put("dfs.namenode.name.dir", dir.resolve("name").toString());
        hdfs.put("dfs.datanode.data.dir", dir.resolve("data").toString());
        hdfs.put("dfs.replication", Integer.toString(replication()));
        hdfs.put("dfs.namenode.rpc-address", Ports.HOST + ":" + namenodePort);
        hdfs.put("dfs.namenode.http-address", Ports.HOST + ":" + httpPort);
        hdfs.put("dfs.namenode.secondary.http-address", Ports.HOST + ":0");
        // The DataNode's own ports are ephemeral: clients learn them from the NameNode.
        hdfs.put("dfs.datanode.address", Ports.HOST + ":0");
        hdfs.put("dfs.datanode.http.address", Ports.HOST + ":0");
        hdfs.put("dfs.datanode.ipc.address", Ports.HOST + ":0");
        hdfs.put("dfs.datanode.hostname", Ports.HOST);
        hdfs.put("dfs.namenode.datanode.registration.ip-hostname-check", "false");
        // An empty namespace has nothing to wait for: leave safe mode at once.
        hdfs.put("dfs.namenode.safemode.extension", "0");
        hdfs.put("dfs.permissions.enabled", "false");
        if (!dataNodePorts.isEmpty()) {
            // A killed DataNode is declared dead after 2 x recheck + 10 x heartbeat: 30 s, not 10.5 min,
            // so its blocks are re-replicated and new blocks avoid it while a test still runs.
            hdfs.put("dfs.namenode.heartbeat.recheck-interval", "10000");
            hdfs.put("dfs.heartbeat.interval", "1");
        }
        return hdfs;
    }

    /** hdfs-site.xml of DataNode {@code index}: the shared settings plus its data folder and port. */
    Map<String, String> dataNodeSite(int index) {
        Map<String, String> site = hdfsSite();
        site.put("dfs.datanode.data.dir", dir.resolve("data-" + (index + 1)).toString());
        site.put("dfs.datanode.address", Ports.HOST + ":" + dataNodePorts.get(index));
        return site;
    }

    private Path dataNodeConfDir(int index) {
        return dir.resolve("conf-datanode-" + (index + 1));
    }

    private List<String> jvmOptions() {
        return List.of(
                "-Xmx256m", "-Djava.awt.headless=true", "-Dhadoop.home.dir=" + dir, "-Dhadoop.log.dir=" + logDir);
    }

    private boolean answers(boolean namenodeOnly) {
        try {
            return namenodeOnly ? probe.operational() : probe.dataNodeLive();
        } catch (Exception e) {
            return false;
        }
    }

    private void writeConfig() {
        try {
            HadoopConfigFile.write(confDir.resolve("core-site.xml"), coreSite());
            HadoopConfigFile.write(confDir.resolve("hdfs-site.xml"), hdfsSite());
            Files.writeString(confDir.resolve("log4j.properties"), LOG4J_PROPERTIES, StandardCharsets.UTF_8);
            for (int i = 0; i < dataNodePorts.size(); i++) {
                Path conf = dataNodeConfDir(i);
                HadoopConfigFile.write(conf.resolve("core-site.xml"), coreSite());
                HadoopConfigFile.write(conf.resolve("hdfs-site.xml"), dataNodeSite(i));
                Files.writeString(conf.resolve("log4j.properties"), LOG4J_PROPERTIES, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new StackException("Cannot write the HDFS configuration in " + confDir + ": " + e.getMessage(), e);
        }
    }
}
