package org.popsurvey.stack.component;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.popsurvey.stack.process.StackException;

/**
 * Where the built runtimes of the stack's components are. The stack does not carry Kafka, the
 * registry or Hadoop on its own class path: {@code mvn package} builds them in the
 * {@code deploy/} modules and each is started from there in its own JVM.
 *
 * <p>Nothing is checked when this is created; each accessor checks its own runtime, so
 * {@code stack down} works even after {@code mvn clean}.
 *
 * @param kafkaClassPathFile {@code deploy/kafka-broker/target/runtime-classpath.txt}
 * @param registryJar        the Apicurio uber-jar, {@code deploy/schema-registry/target/*-runner.jar}
 * @param hdfsClassPathFile  {@code deploy/hdfs/target/runtime-classpath.txt}
 * @param hdfsResources      {@code deploy/hdfs/target/classes}, with the empty {@code webapps/} folders
 * @param buildDir           where {@code mvn -B package -DskipTests} builds them, for the error message
 */
public record Runtimes(
        Path kafkaClassPathFile, Path registryJar, Path hdfsClassPathFile, Path hdfsResources, Path buildDir) {

    static final String BUILD_COMMAND = "mvn -B package -DskipTests";
    private static final String REGISTRY_JAR_GLOB = "*-runner.jar";

    /** The runtimes as {@code mvn package} lays them out under {@code repoRoot}. */
    public static Runtimes locate(Path repoRoot) {
        Path deploy = repoRoot.resolve("deploy");
        Path registryTarget = deploy.resolve("schema-registry").resolve("target");
        return new Runtimes(
                deploy.resolve("kafka-broker").resolve("target").resolve("runtime-classpath.txt"),
                findRegistryJar(registryTarget),
                deploy.resolve("hdfs").resolve("target").resolve("runtime-classpath.txt"),
                deploy.resolve("hdfs").resolve("target").resolve("classes"),
                repoRoot);
    }

    /** Class path of the Kafka broker and its tools. */
    public List<Path> kafkaClassPath() {
        return readClassPath(kafkaClassPathFile, "Kafka broker");
    }

    /**
     * Class path of a Spark standalone master, worker and {@code SparkSubmit}: what a Spark
     * distribution's {@code jars/} folder holds, built by {@code deploy/spark-standalone}.
     */
    public List<Path> sparkStandaloneClassPath() {
        return readClassPath(
                buildDir.resolve("deploy")
                        .resolve("spark-standalone")
                        .resolve("target")
                        .resolve("runtime-classpath.txt"),
                "Spark standalone");
    }

    /** The registry's runnable uber-jar. */
    public Path registryJarFile() {
        require(registryJar, "schema registry");
        return registryJar;
    }

    /** Class path of the NameNode and DataNode, the {@code webapps/} folders first. */
    public List<Path> hdfsClassPath() {
        require(hdfsResources.resolve("webapps"), "HDFS");
        List<Path> classPath = new ArrayList<>();
        classPath.add(hdfsResources);
        classPath.addAll(readClassPath(hdfsClassPathFile, "HDFS"));
        return classPath;
    }

    private List<Path> readClassPath(Path file, String what) {
        require(file, what);
        try {
            List<Path> entries = Arrays.stream(Files.readString(file, StandardCharsets.UTF_8)
                            .trim()
                            .split(File.pathSeparator))
                    .filter(entry -> !entry.isBlank())
                    .map(Path::of)
                    .toList();
            for (Path entry : entries) {
                if (!Files.exists(entry)) {
                    throw new StackException("The " + what + " runtime lists " + entry + " (in " + file
                            + "), which no longer exists. Rebuild it with `" + BUILD_COMMAND + "` in " + buildDir
                            + ".");
                }
            }
            return entries;
        } catch (IOException e) {
            throw new StackException("Cannot read the " + what + " class path " + file + ": " + e.getMessage(), e);
        }
    }

    private void require(Path path, String what) {
        if (!Files.exists(path)) {
            throw new StackException("The " + what + " runtime is not built: " + path + " is missing. Build it with `"
                    + BUILD_COMMAND + "` in " + buildDir + ".");
        }
    }

    private static Path findRegistryJar(Path target) {
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, REGISTRY_JAR_GLOB)) {
                for (Path jar : jars) {
                    return jar;
                }
            } catch (IOException e) {
                // Reported as missing below.
            }
        }
        return target.resolve(REGISTRY_JAR_GLOB);
    }
}
