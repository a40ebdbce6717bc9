package org.popsurvey.status;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.popsurvey.stack.component.RepoRoot;

/**
 * A pipeline command as its own JVM, started as {@code ./popsurvey} starts it: the module's
 * {@code target/classes} plus its {@code target/runtime-classpath.txt} (and Spark's Java 17 flags
 * for the enricher). Output goes to a log file.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm validator(Path log, List<String> args) throws IOException {
        return start("validator-streams", "org.popsurvey.validator.ValidateCommand", List.of("-Xmx256m"), log, args);
    }

    static ChildJvm enricher(Path log, List<String> args) throws IOException {
        Path flags = RepoRoot.find().resolve("spark-enricher/target/jvmflags.txt");
        List<String> jvm = new ArrayList<>(List.of("-Xmx768m"));
        for (String line : Files.readAllLines(flags)) {
            Arrays.stream(line.strip().split("\\s+"))
                    .filter(option -> !option.isEmpty())
                    .forEach(jvm::add);
        }
        return start("spark-enricher", "org.popsurvey.enricher.EnrichCommand", jvm, log, args);
    }

    private static ChildJvm start(String module, String mainClass, List<String> jvm, Path log, List<String> args)
            throws IOException {
        Path target = RepoRoot.find().resolve(module).resolve("target");
        String classPath = target.resolve("classes")
                + File.pathSeparator
                + Files.readString(target.resolve("runtime-classpath.txt"), StandardCharsets.UTF_8)
                        .strip();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return new ChildJvm(builder.start(), log);
    }

    /** SIGTERM, then waits for the exit (SIGKILL after 90 s). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
