package org.popsurvey.enricher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.popsurvey.enricher.EnrichCommand;

/**
 * {@code enrich} in its own JVM, started the way {@code ./popsurvey enrich} starts it
 * ({@code java @target/jvmflags.txt -cp target/classes:<runtime classpath>}), so a test can kill
 * it with SIGKILL. Needs {@code mvn package} to have run (failsafe runs after it).
 */
public final class EnricherProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private EnricherProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static EnricherProcess start(Path log, List<String> arguments) {
        Path target = Path.of("target").toAbsolutePath();
        Path classpathFile = target.resolve("runtime-classpath.txt");
        Path jvmFlags = target.resolve("jvmflags.txt");
        if (!Files.isRegularFile(classpathFile) || !Files.isRegularFile(jvmFlags)) {
            throw new IllegalStateException(classpathFile + " or " + jvmFlags + " missing: run mvn package first");
        }
        try {
            String classpath = target.resolve("classes")
                    + java.io.File.pathSeparator
                    + Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "@" + jvmFlags,
                    "-Xmx768m",
                    "-cp",
                    classpath,
                    EnrichCommand.class.getName()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            return new EnricherProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the enricher process", e);
        }
    }

    /** SIGKILL: no shutdown hook, no cleanup, exactly like {@code kill -9}. */
    public void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the process printed so far (stdout and stderr). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits until the log contains {@code text}; false if the process ended or the time ran out first. */
    public boolean awaitLog(String text, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return log().contains(text);
            }
            Thread.sleep(250);
        }
        return false;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a run to end by itself ({@code --once}); its exit code, or -1 on timeout. */
    public int awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit) ? process.exitValue() : -1;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killNine();
        }
    }
}
