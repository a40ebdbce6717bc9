package org.popsurvey.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The enricher's progress as its Spark checkpoint records it, read without Spark: batch N is
 * committed when {@code commits/N} exists, and {@code offsets/N} holds, after a version line and a
 * metadata line, one JSON line per source with the offsets the batch read up to:
 * {@code {"population.clean":{"0":46,"1":45}}}. This is Spark's documented-by-use, stable-since-2.x
 * layout (version {@code v1}); a different version is reported, not guessed at.
 */
final class CheckpointOffsets {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The last committed batch: its id, when it was committed, and the end offsets per partition of {@code topic}. */
    record Committed(long batchId, Instant committedAt, Map<Integer, Long> offsets) {}

    private CheckpointOffsets() {}

    /** Empty when the checkpoint has no committed batch yet (or does not exist). */
    static Optional<Committed> lastCommitted(String checkpoint, String topic, Configuration conf) throws IOException {
        Path root = new Path(checkpoint);
        FileSystem fs = root.getFileSystem(conf);
        Path commits = new Path(root, "commits");
        if (!fs.exists(commits)) {
            return Optional.empty();
        }
        long last = -1;
        FileStatus lastStatus = null;
        for (FileStatus status : fs.listStatus(commits)) {
            String name = status.getPath().getName();
            if (status.isFile() && name.chars().allMatch(Character::isDigit) && Long.parseLong(name) > last) {
                last = Long.parseLong(name);
                lastStatus = status;
            }
        }
        if (lastStatus == null) {
            return Optional.empty();
        }
        List<String> lines = read(fs, new Path(new Path(root, "offsets"), Long.toString(last)));
        if (lines.isEmpty() || !lines.get(0).equals("v1")) {
            throw new IOException("offsets/" + last + " of checkpoint " + checkpoint + " is not Spark's v1 format");
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            JsonNode source = JSON.readTree(line).path(topic);
            source.fields()
                    .forEachRemaining(p -> offsets.put(
                            Integer.parseInt(p.getKey()), p.getValue().asLong()));
        }
        return Optional.of(new Committed(last, Instant.ofEpochMilli(lastStatus.getModificationTime()), offsets));
    }

    private static List<String> read(FileSystem fs, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
