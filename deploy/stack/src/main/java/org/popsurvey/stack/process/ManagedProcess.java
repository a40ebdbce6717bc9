package org.popsurvey.stack.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One background JVM of the local stack: started with its output in a log file and its pid in
 * a pid file, waited for until it is ready, stopped with SIGTERM and then SIGKILL.
 *
 * <p>Each process gets {@code -Dpopsurvey.stack.process=<state dir>/<name>} as its first JVM
 * option. A pid file is trusted only if the live process with that pid carries that marker, so
 * a stale pid file (the pid reused by an unrelated program) never leads to killing the wrong
 * process, and two stacks in different state folders never touch each other's processes.
 */
public final class ManagedProcess {

    /** JVM system property naming the process; see the class comment. */
    public static final String MARKER_PROPERTY = "popsurvey.stack.process";
    /** Seconds a process gets to exit after SIGTERM before it is killed. */
    public static final long STOP_GRACE_SECONDS = 30;

    public static final Duration STOP_GRACE = Duration.ofSeconds(STOP_GRACE_SECONDS);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final File DEV_NULL = new File("/dev/null");

    private final String name;
    private final Path pidFile;
    private final LogFile log;
    private final String marker;
    /** Set while this JVM owns the child; in TIED mode its stdin pipe must stay referenced. */
    private Process process;

    private OutputStream tiedStdin;
    private long startedNanos;

    /**
     * @param name     short component name, e.g. {@code kafka-broker}; names the pid and log files
     * @param stateDir the stack's state folder: {@code <name>.pid} and {@code logs/<name>.log} live there
     */
    public ManagedProcess(String name, Path stateDir) {
        this.name = name;
        Path dir = stateDir.toAbsolutePath().normalize();
        this.pidFile = dir.resolve(name + ".pid");
        this.log = new LogFile(dir.resolve("logs").resolve(name + ".log"));
        this.marker = "-D" + MARKER_PROPERTY + "=" + dir.resolve(name);
    }

    public String name() {
        return name;
    }

    public LogFile log() {
        return log;
    }

    public Path pidFile() {
        return pidFile;
    }

    /** The JVM option that identifies this process; tests use it to look for leftovers. */
    public String marker() {
        return marker;
    }

    /**
     * Starts the JVM in the background and writes its pid file.
     *
     * @throws StackException if it is already running or cannot be launched
     */
    public synchronized long start(JavaCommand command, LaunchMode mode) {
        return start(command, mode, Map.of());
    }

    /**
     * As {@link #start(JavaCommand, LaunchMode)}, with variables added to the child's environment
     * (a Spark worker finds its distribution through {@code SPARK_HOME}, nothing else).
     */
    public synchronized long start(JavaCommand command, LaunchMode mode, Map<String, String> environment) {
        running().ifPresent(handle -> {
            throw new StackException(name + " is already running (pid " + handle.pid() + ", pid file " + pidFile + ")");
        });
        try {
            log.beginRun("starting " + name);
            ProcessBuilder builder = new ProcessBuilder(commandLine(command, mode))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.path().toFile()));
            builder.environment().putAll(environment);
            if (mode == LaunchMode.DETACHED) {
                builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
            }
            startedNanos = System.nanoTime();
            process = builder.start();
            tiedStdin = mode == LaunchMode.TIED ? process.getOutputStream() : null;
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
            return process.pid();
        } catch (IOException e) {
            throw new StackException("Could not start " + name + ": " + e.getMessage() + ". " + log.describe(), e);
        }
    }

    /**
     * Runs a short-lived JVM (a storage formatter, say) to completion, its output appended to
     * this process's log.
     *
     * @throws StackException if it fails, exits non-zero or takes longer than {@code timeout}
     */
    public void runToCompletion(String what, JavaCommand command, Duration timeout) {
        try {
            log.beginRun(what);
            Process tool = new ProcessBuilder(commandLine(command, LaunchMode.DETACHED))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.path().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .start();
            if (!tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new StackException(
                        name + ": " + what + " did not finish within " + timeout.toSeconds() + " s. " + log.describe());
            }
            if (tool.exitValue() != 0) {
                throw new StackException(
                        name + ": " + what + " failed with exit code " + tool.exitValue() + ". " + log.describe());
            }
        } catch (IOException e) {
            throw new StackException(name + ": could not run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(name + ": interrupted during " + what, e);
        }
    }

    /**
     * Polls {@code check} until it passes, the process exits or {@code timeout} passes.
     *
     * @param endpoint what the check talks to, for the error message (e.g. {@code 127.0.0.1:9092})
     * @return the time from the start of the process (or of this call, for a process started
     *     elsewhere) until it was ready
     * @throws StackException naming the endpoint and showing the end of the log file
     */
    public Duration awaitReady(ReadinessCheck check, Duration timeout, String endpoint) {
        long start = process != null ? startedNanos : System.nanoTime();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (true) {
            Optional<ProcessHandle> handle = running();
            if (handle.isEmpty()) {
                String exit = process != null && !process.isAlive() ? " with code " + process.exitValue() : "";
                String failure = name + " exited" + exit + " before it was ready on " + endpoint + ".";
                Optional<String> bindError = log.firstLineMentioning(PortTakenException.OS_MESSAGE);
                if (bindError.isPresent()) {
                    // First line names the port; callers that retry print only that line.
                    throw new PortTakenException(
                            failure + " A port was taken by another program after the stack checked it: "
                                    + bindError.get().strip() + System.lineSeparator() + log.describe());
                }
                throw new StackException(failure + " " + log.describe());
            }
            try {
                if (check.isReady()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (Exception e) {
                lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(name + " (pid " + handle.get().pid() + ") was not ready on " + endpoint
                        + " within " + timeout.toSeconds() + " s (last check: " + lastProblem + "). " + log.describe());
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** The live process behind the pid file, if it is ours (see the class comment). */
    public Optional<ProcessHandle> running() {
        if (process != null) {
            return process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
        }
        return readPid()
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(this::carriesMarker);
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL after {@link #STOP_GRACE}. Removes the pid file.
     *
     * @return what happened, for the user
     */
    public synchronized StopResult stop() {
        Optional<ProcessHandle> handle = running();
        StopResult result;
        if (handle.isEmpty()) {
            result = StopResult.NOT_RUNNING;
        } else {
            result = terminate(handle.get());
        }
        if (result != StopResult.STILL_RUNNING) {
            deleteQuietly(pidFile);
            closeStdin();
            process = null;
        }
        return result;
    }

    /**
     * SIGKILL at once, as a crash would end it: no shutdown hook, nothing flushed by the process
     * itself. Removes the pid file. For fault tests.
     */
    public synchronized StopResult kill() {
        Optional<ProcessHandle> handle = running();
        StopResult result = StopResult.NOT_RUNNING;
        if (handle.isPresent()) {
            handle.get().destroyForcibly();
            result = waitForExit(handle.get(), Duration.ofSeconds(10)) ? StopResult.KILLED : StopResult.STILL_RUNNING;
        }
        if (result != StopResult.STILL_RUNNING) {
            deleteQuietly(pidFile);
            closeStdin();
            process = null;
        }
        return result;
    }

    private StopResult terminate(ProcessHandle handle) {
        handle.destroy();
        if (waitForExit(handle, STOP_GRACE)) {
            return StopResult.STOPPED;
        }
        handle.destroyForcibly();
        return waitForExit(handle, Duration.ofSeconds(10)) ? StopResult.KILLED : StopResult.STILL_RUNNING;
    }

    private static boolean waitForExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private List<String> commandLine(JavaCommand command, LaunchMode mode) {
        List<String> line = new ArrayList<>();
        line.add(JavaCommand.javaExecutable().toString());
        line.add(marker);
        line.addAll(command.jvmOptions());
        List<Path> classPath = new ArrayList<>(command.classPath());
        if (mode == LaunchMode.TIED) {
            classPath.add(ownLocation());
        }
        line.add("-cp");
        line.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        if (mode == LaunchMode.TIED) {
            line.add(ExitWithParent.class.getName());
        }
        line.add(command.mainClass());
        line.addAll(command.args());
        return line;
    }

    /** The jar or classes folder holding {@link ExitWithParent}, added to a tied child's class path. */
    private static Path ownLocation() {
        try {
            return Path.of(ExitWithParent.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the stack classes", e);
        }
    }

    private boolean carriesMarker(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        return info.arguments().map(args -> List.of(args).contains(marker)).orElse(false)
                || info.commandLine().map(line -> line.contains(marker)).orElse(false);
    }

    private Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void closeStdin() {
        if (tiedStdin != null) {
            try {
                tiedStdin.close();
            } catch (IOException e) {
                // The child is gone already.
            }
            tiedStdin = null;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover pid file is harmless: running() checks the marker.
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for a process to become ready", e);
        }
    }

    /** Outcome of {@link #stop()}. */
    public enum StopResult {
        STOPPED("stopped"),
        KILLED("killed after " + STOP_GRACE.toSeconds() + " s"),
        NOT_RUNNING("was not running"),
        STILL_RUNNING("could not be stopped");

        private final String text;

        StopResult(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
