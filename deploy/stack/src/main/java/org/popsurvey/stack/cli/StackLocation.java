package org.popsurvey.stack.cli;

import java.nio.file.Path;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option every stack sub-command shares. */
public final class StackLocation {

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "Folder for the stack's pid files, logs and data (default: <repository root>/.popsurvey/stack).")
    Path stateDir;

    Path stateDir() {
        return stateDir != null
                ? stateDir.toAbsolutePath().normalize()
                : StackSettings.defaultStateDir(RepoRoot.find());
    }

    /**
     * A handle on the stack in this state folder: ports as {@code up} recorded them there, unless
     * given again on the command line.
     */
    LocalStack attach(PortOptions ports) {
        Path dir = stateDir();
        StackSettings settings = ports.applyTo(StackSettings.recorded(dir).orElseGet(() -> StackSettings.builder(dir)))
                .build();
        return LocalStack.attach(settings, Runtimes.locate(RepoRoot.find()));
    }
}
