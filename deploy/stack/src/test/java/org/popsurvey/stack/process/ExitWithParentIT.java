package org.popsurvey.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tied process exits when its parent JVM is killed outright (SIGKILL: no shutdown hook runs). */
class ExitWithParentIT {

    @TempDir
    Path stateDir;

    @Test
    void tiedChildExitsWhenItsParentIsKilled() throws Exception {
        String testClassPath = System.getProperty("java.class.path");
        Process parent = new ProcessBuilder(
                        JavaCommand.javaExecutable().toString(),
                        "-Xmx64m",
                        "-cp",
                        testClassPath,
                        TiedParent.class.getName(),
                        stateDir.toString(),
                        testClassPath)
                .redirectErrorStream(true)
                .start();
        long childPid;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the parent's first line").startsWith("child pid ");
            childPid = Long.parseLong(line.substring("child pid ".length()).trim());
            Optional<ProcessHandle> child = ProcessHandle.of(childPid);
            assertThat(child).isPresent();
            assertThat(child.get().isAlive()).isTrue();

            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            child.get().onExit().get(20, TimeUnit.SECONDS);
            assertThat(child.get().isAlive())
                    .as("child pid " + childPid + " after its parent was killed")
                    .isFalse();
        } finally {
            parent.destroyForcibly();
            ProcessHandle.of(pidFromFile(stateDir))
                    .ifPresent(ProcessHandle::destroyForcibly); // only if the test failed
        }
    }

    private static long pidFromFile(Path stateDir) {
        try {
            return Long.parseLong(
                    Files.readString(stateDir.resolve("sleeper.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
