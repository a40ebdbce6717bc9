package org.popsurvey.stack.process;

import java.io.BufferedReader;
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
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

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
    /** Error lines shown ahead of the tail; the first ones name the cause, later ones echo it. */
    public static final int ERROR_LINES = 8;
    /**
     * A line that reports a failure: an ERROR or FATAL log line (Kafka, Hadoop and Quarkus all
     * log the level between spaces), the JVM's own "Error:" lines, or an exception's first line.
     */
    private static final Pattern ERROR_LINE = Pattern.compile(
            ".* (ERROR|FATAL) .*|Error: .*|Exception in thread .*|Caused by: .*|[a-z][\\w.$]*(Exception|Error): .*");

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

    /**
     * The first {@code maxLines} lines of the latest run that report an error (see
     * {@link #ERROR_LINE}), in order. A process that fails while starting usually logs its cause
     * once and then pages of shutdown messages, so the cause is rarely in the tail.
     */
    public List<String> errorLines(int maxLines) {
        return latestRunLines(line -> ERROR_LINE.matcher(line).matches(), maxLines);
    }

    /** The first line of the latest run that contains {@code text}. */
    public Optional<String> firstLineMentioning(String text) {
        return latestRunLines(line -> line.contains(text), 1).stream().findFirst();
    }

    /** The first {@code maxLines} lines of the latest run that pass {@code keep}. */
    private List<String> latestRunLines(Predicate<String> keep, int maxLines) {
        if (!Files.isRegularFile(path)) {
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(RUN_MARKER)) {
                    kept.clear();
                } else if (kept.size() < maxLines && keep.test(line)) {
                    kept.add(line);
                }
            }
        } catch (IOException e) {
            return List.of(); // describe() shows the tail's "could not read" line instead
        }
        return List.copyOf(kept);
    }

    /**
     * For error messages: the latest run's error lines that are not in its tail ("First errors
     * in PATH:"), then "Log: PATH (last N lines):", each followed by indented lines.
     */
    public String describe() {
        List<String> lines = tail(TAIL_LINES);
        if (lines.isEmpty()) {
            return "Log: " + path + " (empty)";
        }
        StringBuilder text = new StringBuilder();
        List<String> errors = errorLines(ERROR_LINES).stream()
                .filter(line -> !lines.contains(line))
                .toList();
        if (!errors.isEmpty()) {
            text.append("First errors in ").append(path).append(':');
            indented(text, errors);
            text.append(System.lineSeparator());
        }
        text.append("Log: ").append(path).append(" (last ").append(lines.size()).append(" lines):");
        indented(text, lines);
        return text.toString();
    }

    private static void indented(StringBuilder text, List<String> lines) {
        for (String line : lines) {
            text.append(System.lineSeparator()).append("    ").append(line);
        }
    }
}
