package org.popsurvey.enricher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.popsurvey.schemas.SourceFile;

/**
 * Writes small reference files with the published headers: every cell of a row defaults to
 * {@code 0} (estimates) / {@code 10} (MOEs), as in the real data's empty cells, unless set.
 */
public final class ReferenceFiles {

    private final Map<SourceFile, List<Map<String, String>>> rows = new LinkedHashMap<>();

    public ReferenceFiles row(SourceFile file, int id, String neighborhood, String... headerValuePairs) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String header : file.header()) {
            row.put(header, header.startsWith("Margin of Error") ? "10" : "0");
        }
        row.put("Neighborhood", neighborhood);
        row.put("Id", Integer.toString(id));
        for (int i = 0; i < headerValuePairs.length; i += 2) {
            if (!row.containsKey(headerValuePairs[i])) {
                throw new IllegalArgumentException(file + " has no column " + headerValuePairs[i]);
            }
            row.put(headerValuePairs[i], headerValuePairs[i + 1]);
        }
        rows.computeIfAbsent(file, f -> new ArrayList<>()).add(row);
        return this;
    }

    /** Writes the three reference files (a file without rows gets its header only). */
    public Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (SourceFile file : SourceFile.REFERENCE_TABLES) {
                StringBuilder text = new StringBuilder(file.headerLine()).append("\r\n");
                for (Map<String, String> row : rows.getOrDefault(file, List.of())) {
                    text.append(String.join(",", row.values())).append("\r\n");
                }
                Files.writeString(dir.resolve(file.fileName()), text, StandardCharsets.US_ASCII);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
