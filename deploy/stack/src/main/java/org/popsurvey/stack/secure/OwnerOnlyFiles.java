package org.popsurvey.stack.secure;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.popsurvey.stack.process.StackException;

/** Files holding secrets: readable by their owner only, written whole before anyone reads them. */
final class OwnerOnlyFiles {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {}

    /** Creates {@code dir} (and parents) and restricts it to its owner. */
    static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (POSIX) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            return dir;
        } catch (IOException e) {
            throw new StackException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code key=value} lines (values are never escaped: the stack's values need none). */
    static void writeProperties(Path file, String comment, Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# ").append(comment).append(System.lineSeparator());
        properties.forEach(
                (key, value) -> text.append(key).append('=').append(value).append(System.lineSeparator()));
        write(file, text.toString());
    }

    static void write(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            if (POSIX) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write(text);
            }
        } catch (IOException e) {
            throw new StackException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
