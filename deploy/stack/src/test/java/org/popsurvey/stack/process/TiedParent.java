package org.popsurvey.stack.process;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts {@link SleepForever} tied to this JVM, prints its pid and waits to be killed; run in a
 * JVM of its own by {@link ExitWithParentIT}.
 */
public final class TiedParent {

    private TiedParent() {}

    public static void main(String[] args) throws InterruptedException {
        ManagedProcess child = new ManagedProcess("sleeper", Path.of(args[0]));
        List<Path> classPath = List.of(Path.of(args[1]));
        long pid = child.start(
                new JavaCommand(List.of("-Xmx32m"), classPath, SleepForever.class.getName(), List.of()),
                LaunchMode.TIED);
        System.out.println("child pid " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
