package org.popsurvey.validator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.popsurvey.producer.ProduceCommand;

/**
 * {@code ./popsurvey produce} as its own JVM (this test JVM's class path holds the producer module),
 * so a fault test can {@code kill -9} it mid-file. Output goes to a log file.
 */
final class ProducerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ProducerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ProducerProcess start(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProduceCommand.class.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ProducerProcess(process, log);
    }

    /** SIGKILL: no shutdown hook, no flush of the rows still buffered. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the run to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("produce did not finish within " + timeout.toSeconds() + " s; its log:\n" + log());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
