package org.popsurvey.demo;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.schemas.SourceFile;

/** Puts the three reference tables into HDFS, where the enricher reads them from. */
final class ReferenceUpload {

    static final String HDFS_FOLDER = "/popsurvey/reference";

    private ReferenceUpload() {}

    /** Copies the reference files of {@code localDir} to {@code hdfsUri}; returns the HDFS folder URI. */
    static String toHdfs(Path localDir, String hdfsUri) {
        return toHdfs(localDir, hdfsUri, 1);
    }

    /** As {@link #toHdfs(Path, String)}, each block on {@code replication} DataNodes. */
    static String toHdfs(Path localDir, String hdfsUri, int replication) {
        Configuration conf = new Configuration();
        conf.set("dfs.replication", Integer.toString(replication));
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(hdfsUri + HDFS_FOLDER);
        try (FileSystem fs = FileSystem.newInstance(target.toUri(), conf)) {
            fs.mkdirs(target);
            for (SourceFile file : SourceFile.REFERENCE_TABLES) {
                fs.copyFromLocalFile(
                        false,
                        true,
                        new org.apache.hadoop.fs.Path(localDir.resolve(file.fileName())
                                .toAbsolutePath()
                                .toUri()),
                        new org.apache.hadoop.fs.Path(target, file.fileName()));
            }
        } catch (IOException e) {
            throw new CommandFailedException(
                    "Cannot put the reference files into HDFS at " + target + ": " + e.getMessage(), e);
        }
        return target.toString();
    }
}
