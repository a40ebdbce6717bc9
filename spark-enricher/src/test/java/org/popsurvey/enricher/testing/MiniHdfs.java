package org.popsurvey.enricher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS (NameNode + one DataNode) inside the test JVM, every address on 127.0.0.1 with a
 * free port, data in a temporary folder removed on {@link #close()}.
 */
public final class MiniHdfs implements AutoCloseable {

    private final Path baseDir;
    private final MiniDFSCluster cluster;

    private MiniHdfs(Path baseDir, MiniDFSCluster cluster) {
        this.baseDir = baseDir;
        this.cluster = cluster;
    }

    public static MiniHdfs start() {
        try {
            Path baseDir = Files.createTempDirectory("enricher-hdfs");
            Configuration conf = new Configuration();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
            for (String key : new String[] {
                "dfs.namenode.http-address",
                "dfs.namenode.https-address",
                "dfs.namenode.secondary.http-address",
                "dfs.datanode.address",
                "dfs.datanode.http.address",
                "dfs.datanode.https.address",
                "dfs.datanode.ipc.address"
            }) {
                conf.set(key, "127.0.0.1:0");
            }
            conf.set("dfs.datanode.hostname", "127.0.0.1");
            conf.setInt("dfs.replication", 1);
            MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
                    .numDataNodes(1)
                    .nameNodePort(0)
                    .checkDataNodeAddrConfig(true)
                    .build();
            cluster.waitActive();
            return new MiniHdfs(baseDir, cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start MiniDFSCluster", e);
        }
    }

    /** {@code hdfs://127.0.0.1:PORT} */
    public String uri() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    public String path(String absolute) {
        return uri() + absolute;
    }

    public FileSystem fileSystem() {
        try {
            return cluster.getFileSystem();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Configuration conf() {
        return cluster.getConfiguration(0);
    }

    /** Stops the NameNode (the DataNode keeps running); clients get connection errors until {@link #startNameNode()}. */
    public void stopNameNode() {
        cluster.shutdownNameNode(0);
    }

    /** Starts the NameNode again on the same port, with its data, and waits until it serves. */
    public void startNameNode() {
        try {
            cluster.restartNameNode(0, true);
            cluster.waitActive();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart the NameNode", e);
        }
    }

    @Override
    public void close() {
        cluster.shutdown(true);
        FileUtils.deleteQuietly(baseDir.toFile());
    }
}
