package org.popsurvey.validator;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./popsurvey validate} as its own JVM, started the way the launcher starts it: this
 * module's classes plus {@code target/runtime-classpath.txt}. Output goes to a log file.
 */
final class ValidatorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ValidatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ValidatorProcess start(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(classpath());
        command.add(ValidateCommand.class.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ValidatorProcess(process, log);
    }

    /** SIGKILL: no shutdown hook, no commit, no state checkpoint. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook closes the app cleanly. Returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
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

    private static String classpath() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        Path runtime = module.resolve("target/runtime-classpath.txt");
        if (Files.isRegularFile(runtime)) {
            return module.resolve("target/classes")
                    + File.pathSeparator
                    + Files.readString(runtime, StandardCharsets.UTF_8).strip();
        }
        return System.getProperty("java.class.path");
    }
}
