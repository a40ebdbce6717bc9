package org.popsurvey.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.popsurvey.stack.process.StackException;

/**
 * The stack's claim on its state folder. {@code stack up} wipes the data of the previous run
 * there (the broker's log segments, HDFS's name and data folders, the registry's store), so it
 * must never take a folder of the user's for its own: a folder is the stack's only if it is new,
 * empty, or carries the {@value #MARKER} file that {@link #claim} writes.
 */
public final class StateFolder {

    /** Written into every state folder the stack made; nothing else is ever wiped. */
    public static final String MARKER = ".popsurvey-stack";

    private static final String MARKER_TEXT =
            "Made by `popsurvey stack up`: the data below is wiped at each `stack up`.\n";
    /** Properties.store writes the comment of {@link StackSettings#store} as the file's first line. */
    private static final String LEGACY_STATE_COMMENT = "#Written by `popsurvey stack up`";

    private StateFolder() {}

    /**
     * Makes {@code dir} the stack's: creates it if missing and writes the marker.
     *
     * @throws StackException (one line, nothing deleted) if {@code dir} is a file, cannot be
     *     written, or holds anything and was not made by the stack
     */
    public static void claim(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StackException("State folder " + dir + " is a file, not a folder; choose another --state-dir.");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !isOurs(dir)) {
            throw new StackException("State folder " + dir + " is not empty and was not made by `popsurvey stack up`"
                    + " (no " + MARKER + " file in it); nothing was deleted. "
                    + "Choose an empty or new folder with --state-dir.");
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException(
                    "Cannot write to the state folder " + dir + " (" + describe(e)
                            + "); choose a writable folder with --state-dir.",
                    e);
        }
    }

    /**
     * True if the stack made {@code dir}: it has the marker, or (a folder from a version before the
     * marker) the state file {@code stack up} writes, with its own first line.
     */
    public static boolean isOurs(Path dir) {
        if (Files.isRegularFile(dir.resolve(MARKER))) {
            return true;
        }
        Path state = dir.resolve(StackSettings.STATE_FILE);
        try (Stream<String> lines = Files.lines(state, StandardCharsets.UTF_8)) {
            return lines.findFirst()
                    .filter(line -> line.startsWith(LEGACY_STATE_COMMENT))
                    .isPresent();
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new StackException(
                    "Cannot read the state folder " + dir + " (" + describe(e)
                            + "); choose a readable folder with --state-dir.",
                    e);
        }
    }

    /** What went wrong, in words: a file error's message is often only the path. */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
}
