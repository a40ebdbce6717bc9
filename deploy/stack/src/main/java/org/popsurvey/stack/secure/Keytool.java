package org.popsurvey.stack.secure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.popsurvey.stack.process.StackException;

/**
 * The JDK's own {@code keytool}, run as a process. Store passwords reach it through environment
 * variables ({@code -storepass:env NAME}), never through its command line, which others can see.
 */
final class Keytool {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path workDir;

    Keytool(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * Runs {@code keytool args...} with {@code secrets} as its environment variables.
     *
     * @throws StackException with keytool's own output if it fails
     */
    void run(List<String> args, Map<String, String> secrets) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(secrets);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackException("keytool " + args.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new StackException("keytool " + args.get(0) + " failed in " + workDir + ": "
                        + output.strip().replaceAll("\\s+", " "));
            }
        } catch (IOException e) {
            throw new StackException("Cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running keytool", e);
        }
    }
}
