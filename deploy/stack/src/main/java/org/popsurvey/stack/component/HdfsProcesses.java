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
    private final ManagedProcess datanode;
    private final NameNodeProbe probe;
    private long launchedNanos;

    public HdfsProcesses(Path stateDir, int namenodePort, int httpPort, Runtimes runtimes) {
        this.namenodePort = namenodePort;
        this.httpPort = httpPort;
        this.runtimes = runtimes;
        this.logDir = stateDir.resolve("logs");
        this.dir = stateDir.resolve("hdfs");
        this.confDir = dir.resolve("conf");
        this.namenode = new ManagedProcess(NAMENODE, stateDir);
        this.datanode = new ManagedProcess(DATANODE, stateDir);
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

    @Override
    public List<PortUse> ports() {
        return List.of(
                new PortUse(namenodePort, "HDFS NameNode", "--namenode-port"),
                new PortUse(httpPort, "HDFS NameNode web/JMX", "--namenode-http-port"));
    }

    @Override
    public void checkRuntime() {
        runtimes.hdfsClassPath();
    }

    @Override
    public void clearData() {
        Directories.deleteRecursively(dir.resolve("name"));
        Directories.deleteRecursively(dir.resolve("data"));
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
        datanode.start(new JavaCommand(jvmOptions(), classPath, DATANODE_CLASS, List.of()), mode);
    }

    @Override
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        namenode.awaitReady(
                probe::operational, timeout, uri() + " (out of safe mode, web " + Ports.HOST + ":" + httpPort + ")");
        datanode.awaitReady(
                probe::dataNodeLive,
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                "registered with the NameNode " + uri());
        return Duration.ofNanos(System.nanoTime() - launchedNanos);
    }

    @Override
    public List<ManagedProcess> processes() {
        return List.of(namenode, datanode);
    }

    @Override
    public List<ComponentStatus> status() {
        return List.of(
                ProcessComponents.status(namenode, uri() + " (web " + Ports.HOST + ":" + httpPort + ")", answers(true)),
                ProcessComponents.status(datanode, "registered with " + uri(), answers(false)));
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
        hdfs.put("dfs.replication", "1");
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
        return hdfs;
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
        } catch (IOException e) {
            throw new StackException("Cannot write the HDFS configuration in " + confDir + ": " + e.getMessage(), e);
        }
    }
}
