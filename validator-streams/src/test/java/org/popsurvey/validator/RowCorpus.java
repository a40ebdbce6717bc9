package org.popsurvey.validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceLineage;

/** The test corpus {@code row-corpus.json}: rows (valid and malformed) with what the validator must say. */
final class RowCorpus {

    static final String RESOURCE = "row-corpus.json";
    static final String SOURCE_FILE = "corpus.csv";
    static final String RUN_ID = "corpus-run";

    /** The typed record a valid case must produce. */
    record Clean(int id, long estimate, Double moe, MarginOfErrorStatus status) {}

    /**
     * One case. For a row: {@code cells}; for a poison pill: one of {@code valueText}, {@code valueHex},
     * {@code valueKind}. {@code hasKey} false means the record has no key.
     */
    record Case(
            int index,
            String name,
            List<String> cells,
            boolean hasKey,
            String key,
            String valueText,
            String valueHex,
            String valueKind,
            List<String> expect,
            Clean clean) {

        boolean isRow() {
            return cells != null;
        }

        boolean isValid() {
            return expect.isEmpty();
        }

        /** The producer's line number for this case (header is line 1). */
        long lineNumber() {
            return index + 2L;
        }

        /** The raw row the producer would send: cells positionally, the rest as extra cells. */
        RawPopulationRow row() {
            List<String> extra = cells.size() > 4 ? cells.subList(4, cells.size()) : List.of();
            return RawPopulationRow.newBuilder()
                    .setNeighborhood(cell(0))
                    .setId(cell(1))
                    .setEstimate(cell(2))
                    .setMarginOfError(cell(3))
                    .setExtraCells(new ArrayList<>(extra))
                    .setLineage(SourceLineage.newBuilder()
                            .setSourceFile(SOURCE_FILE)
                            .setLineNumber(lineNumber())
                            .setBatchNumber(1)
                            .setProducerRunId(RUN_ID)
                            .setReadTimestamp(Instant.parse("2025-11-28T10:00:00Z"))
                            .build())
                    .build();
        }

        byte[] keyBytes() {
            return hasKey ? key.getBytes(StandardCharsets.UTF_8) : null;
        }

        byte[] literalValue() {
            if (valueText != null) {
                return valueText.getBytes(StandardCharsets.UTF_8);
            }
            return valueHex != null ? HexFormat.of().parseHex(valueHex) : null;
        }

        private String cell(int i) {
            return i < cells.size() ? cells.get(i) : null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private RowCorpus() {}

    static List<Case> load() {
        try (InputStream in = RowCorpus.class.getResourceAsStream(RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> cases = new ArrayList<>();
            int index = 0;
            for (JsonNode node : root) {
                if (!node.has("case")) {
                    continue; // the comment
                }
                cases.add(parse(index++, node));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> malformed() {
        return load().stream().filter(c -> !c.isValid()).toList();
    }

    private static Case parse(int index, JsonNode node) {
        List<String> cells = null;
        if (node.has("cells")) {
            cells = new ArrayList<>();
            for (JsonNode cell : node.get("cells")) {
                cells.add(cell.asText());
            }
        }
        boolean hasKey = !node.has("key") || !node.get("key").isNull();
        String key = node.has("key")
                ? (node.get("key").isNull() ? null : node.get("key").asText())
                : cells != null && cells.size() > 1 ? cells.get(1) : null;
        List<String> expect = new ArrayList<>();
        node.get("expect").forEach(code -> expect.add(code.asText()));
        Clean clean = null;
        if (node.has("clean")) {
            JsonNode c = node.get("clean");
            clean = new Clean(
                    c.get("id").asInt(),
                    c.get("estimate").asLong(),
                    c.get("moe").isNull() ? null : c.get("moe").asDouble(),
                    MarginOfErrorStatus.valueOf(c.get("status").asText()));
        }
        return new Case(
                index,
                node.get("case").asText(),
                cells,
                hasKey && key != null,
                key,
                text(node, "value_text"),
                text(node, "value_hex"),
                text(node, "value_kind"),
                expect,
                clean);
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }
}
