package org.popsurvey.stack.component;

import java.nio.file.Files;
import java.nio.file.Path;
import org.popsurvey.stack.process.StackException;

/** Finds the repository root, under which the runtimes are built and the default state lives. */
public final class RepoRoot {

    /** Set by the {@code ./popsurvey} launcher to the repository root. */
    public static final String HOME_PROPERTY = "popsurvey.home";

    private RepoRoot() {}

    /**
     * The {@value #HOME_PROPERTY} system property if set, else the nearest folder at or above the
     * working directory that holds {@code deploy/pom.xml}.
     *
     * @throws StackException if neither gives a folder
     */
    public static Path find() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new StackException("Cannot find the popsurvey repository root from " + cwd
                + ": run from inside the repository, or set -D" + HOME_PROPERTY + "=<repository root>.");
    }
}
