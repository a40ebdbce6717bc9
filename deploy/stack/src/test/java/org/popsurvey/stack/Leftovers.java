package org.popsurvey.stack;

import java.nio.file.Path;
import java.util.List;
import org.popsurvey.stack.process.ManagedProcess;

/** Finds live processes of a stack by the marker every stack process carries. */
final class Leftovers {

    private Leftovers() {}

    /** Live processes whose command line carries the marker of {@code stateDir}. */
    static List<ProcessHandle> processesOf(Path stateDir) {
        String marker = "-D" + ManagedProcess.MARKER_PROPERTY + "="
                + stateDir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .commandLine()
                        .map(line -> line.contains(marker))
                        .orElse(false))
                .toList();
    }
}
