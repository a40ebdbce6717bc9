package org.popsurvey.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.stack.component.Directories;

/**
 * The demo's {@code --out} folder, emptied at the start of each run. It is emptied only if a demo
 * made it (the {@value #MARKER} file) and only if the user's data is not inside it: the demo
 * never deletes anything of the user's. Every refusal is one line naming the folder.
 */
final class OutFolder {

    static final String MARKER = ".popsurvey-demo";

    private OutFolder() {}

    /**
     * Checks {@code outDir} against {@code dataDir} (the {@code --data} folder, if given), empties
     * it if a demo made it, creates it and writes the marker.
     *
     * @throws CommandFailedException if the data is inside {@code outDir}, or {@code outDir} is a
     *     file, holds something a demo did not make, or cannot be written; nothing is deleted then
     */
    static void prepare(Path outDir, Optional<Path> dataDir) {
        dataDir.ifPresent(data -> requireOutside(data, outDir));
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new CommandFailedException(
                    "--out " + outDir + " is a file, not a folder; choose a new or empty folder");
        }
        if (Files.isDirectory(outDir) && !isEmpty(outDir) && !Files.isRegularFile(outDir.resolve(MARKER))) {
            throw new CommandFailedException("--out " + outDir + " is not empty and was not made by a demo run (no "
                    + MARKER + " file in it); nothing was deleted. Choose an empty or new folder");
        }
        Directories.deleteRecursively(outDir);
        try {
            Files.createDirectories(outDir);
            Files.writeString(
                    outDir.resolve(MARKER),
                    "Made by ./popsurvey demo; emptied at the start of each run.\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailedException(
                    "Cannot write the --out folder " + outDir + " (" + reason(e) + "); choose a writable folder", e);
        }
    }

    /**
     * The data must survive the emptying of {@code outDir}: refused when it is {@code outDir} or
     * below it, symbolic links followed (a link into the folder is the folder).
     */
    static void requireOutside(Path dataDir, Path outDir) {
        Path data = real(dataDir);
        Path out = real(outDir);
        if (data.startsWith(out)) {
            throw new CommandFailedException("--data " + dataDir + (data.equals(out) ? " is" : " is inside") + " --out "
                    + outDir + ", which the demo empties at the start of each run; choose an --out folder outside "
                    + "the data");
        }
    }

    /** The path with every existing part's symbolic links resolved (the rest appended as given). */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new CommandFailedException("Cannot read the --out folder " + dir + " (" + reason(e) + ")", e);
        }
    }

    /** What went wrong, in words: a file error's message is often only the path. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
}
