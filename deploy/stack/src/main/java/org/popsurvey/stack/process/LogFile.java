package org.popsurvey.stack.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A process's log file. Each run appends below a marker line, so the tail shown in an error
 * belongs to the run that failed, not to an earlier one.
 */
public final class LogFile {

    /** Lines shown from the end of a log in error messages. */
    public static final int TAIL_LINES = 25;

    private static final String RUN_MARKER = "==== popsurvey stack: ";
    /** Only the end of a (possibly large) log is read for the tail. */
    private static final int TAIL_BYTES = 64 * 1024;

    private final Path path;

    public LogFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Appends the marker that starts a new run's section. */
    public void beginRun(String what) throws IOException {
        Files.createDirectories(path.getParent());
        String line = RUN_MARKER + what + " at " + Instant.now() + System.lineSeparator();
        Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The last {@code maxLines} lines of the latest run, or an empty list. */
    public List<String> tail(int maxLines) {
        if (!Files.isRegularFile(path)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R")));
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0); // most likely cut in the middle
            }
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(RUN_MARKER)) {
                    lines = lines.subList(i + 1, lines.size());
                    break;
                }
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            return List.of("(could not read " + path + ": " + e.getMessage() + ")");
        }
    }

    /** "Log: PATH (last N lines):" followed by the indented lines, for error messages. */
    public String describeTail() {
        List<String> lines = tail(TAIL_LINES);
        if (lines.isEmpty()) {
            return "Log: " + path + " (empty)";
        }
        StringBuilder text = new StringBuilder("Log: ").append(path).append(" (last ").append(lines.size()).append(" lines):");
        for (String line : lines) {
            text.append(System.lineSeparator()).append("    ").append(line);
        }
        return text.toString();
    }
}
