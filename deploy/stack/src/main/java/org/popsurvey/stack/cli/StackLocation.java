package org.popsurvey.stack.cli;

import java.nio.file.Path;
import org.popsurvey.stack.RepoRoot;
import org.popsurvey.stack.StackSettings;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option every stack sub-command shares. */
public final class StackLocation {

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "Folder for the stack's pid files, logs and data (default: <repository root>/.popsurvey/stack).")
    Path stateDir;

    Path stateDir() {
        return stateDir != null ? stateDir.toAbsolutePath().normalize() : StackSettings.defaultStateDir(RepoRoot.find());
    }
}
