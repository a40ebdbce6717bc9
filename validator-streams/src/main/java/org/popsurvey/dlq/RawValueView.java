package org.popsurvey.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.popsurvey.deadletter.CellText;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.registry.SchemaRegistryException;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.serde.PoisonPillException;
import org.popsurvey.serde.WireFormat;

/**
 * A dead letter's raw value decoded through the registry with its own writer schema (so even a
 * row of another schema version shows every field it has), or, when it does not decode, why not
 * and what the bytes are.
 */
final class RawValueView {

    /** Items of a list field (extra cells) shown in the text form. */
    static final int LIST_ITEMS_SHOWN = 20;

    /** Bytes shown in a hex dump of an undecodable value. */
    static final int HEX_DUMP_LIMIT = 512;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] value;
    private final GenericRecord decoded;
    private final Integer schemaId;
    private final String failure;
    private final boolean registryUnavailable;

    private RawValueView(
            byte[] value, GenericRecord decoded, Integer schemaId, String failure, boolean registryUnavailable) {
        this.value = value;
        this.decoded = decoded;
        this.schemaId = schemaId;
        this.failure = failure;
        this.registryUnavailable = registryUnavailable;
    }

    static RawValueView decode(byte[] value, SchemaRegistryClient registry) {
        Integer schemaId = WireFormat.isFramed(value) ? WireFormat.schemaId(value) : null;
        try {
            GenericRecord record = new ConfluentAvroDecoder<GenericRecord>(registry, false, null).decode(value);
            return new RawValueView(value, record, schemaId, null, false);
        } catch (PoisonPillException e) {
            return new RawValueView(value, null, schemaId, e.getMessage(), false);
        } catch (SchemaRegistryException e) {
            return new RawValueView(
                    value,
                    null,
                    schemaId,
                    "the registry at " + registry.url() + " could not be used: " + e.getMessage(),
                    true);
        } catch (ClassCastException e) {
            return new RawValueView(value, null, schemaId, "the value is not an Avro record: " + e.getMessage(), false);
        }
    }

    boolean registryUnavailable() {
        return registryUnavailable;
    }

    void print(PrintWriter out, String registryUrl) {
        int length = value == null ? 0 : value.length;
        if (decoded != null) {
            out.printf(
                    "  Raw row (%d bytes, schema id %d %s, decoded through %s):%n",
                    length, schemaId, decoded.getSchema().getFullName(), registryUrl);
            printRecord(out, decoded, "    ");
            return;
        }
        out.printf(
                "  Raw value (%d bytes%s) does not decode: %s%n",
                length, schemaId == null ? "" : ", schema id " + schemaId, failure);
        if (value != null) {
            text(value).ifPresentOrElse(t -> out.println("    as text: " + CellText.quote(t)), () -> {});
            hexDump(out, value);
        }
    }

    JsonNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("bytes", value == null ? 0 : value.length);
        if (schemaId != null) {
            node.put("schema_id", schemaId);
        }
        if (decoded != null) {
            node.put("schema", decoded.getSchema().getFullName());
            try {
                node.set("row", JSON.readTree(GenericData.get().toString(decoded)));
            } catch (IOException e) {
                node.put("row_text", decoded.toString());
            }
        } else {
            node.put("decode_error", failure);
            node.put("value_base64", value == null ? null : Base64.getEncoder().encodeToString(value));
        }
        return node;
    }

    private static void printRecord(PrintWriter out, GenericRecord record, String indent) {
        int width = record.getSchema().getFields().stream()
                .mapToInt(f -> f.name().length())
                .max()
                .orElse(0);
        for (Schema.Field field : record.getSchema().getFields()) {
            Object fieldValue = record.get(field.pos());
            String label = String.format("%s%-" + width + "s  ", indent, field.name());
            if (fieldValue instanceof GenericRecord nested) {
                out.println(label.stripTrailing() + ":");
                printRecord(out, nested, indent + "  ");
            } else {
                out.println(label + render(fieldValue, field.schema()));
            }
        }
    }

    private static String render(Object fieldValue, Schema schema) {
        if (fieldValue == null) {
            return "null (no such cell)";
        }
        if (fieldValue instanceof CharSequence text) {
            return CellText.quote(text.toString());
        }
        if (fieldValue instanceof List<?> list) {
            String shown = list.stream()
                    .limit(LIST_ITEMS_SHOWN)
                    .map(item -> item instanceof CharSequence s ? CellText.quote(s.toString()) : String.valueOf(item))
                    .collect(Collectors.joining(", "));
            return "[" + shown
                    + (list.size() > LIST_ITEMS_SHOWN
                            ? ", ... " + (list.size() - LIST_ITEMS_SHOWN) + " more (--json has them all)"
                            : "")
                    + "]";
        }
        if (fieldValue instanceof Long millis && isTimestampMillis(schema)) {
            return Instant.ofEpochMilli(millis) + " (" + millis + ")";
        }
        return String.valueOf(fieldValue);
    }

    private static boolean isTimestampMillis(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    private static Optional<String> text(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.codePoints().allMatch(cp -> cp == '\n' || cp == '\r' || cp == '\t' || CellText.isPrintable(cp))
                    ? Optional.of(text)
                    : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static void hexDump(PrintWriter out, byte[] bytes) {
        int shown = Math.min(bytes.length, HEX_DUMP_LIMIT);
        for (int offset = 0; offset < shown; offset += 16) {
            int end = Math.min(offset + 16, shown);
            StringBuilder ascii = new StringBuilder();
            for (int i = offset; i < end; i++) {
                ascii.append(bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char) bytes[i] : '.');
            }
            out.printf(
                    "    %04x  %-47s  %s%n", offset, HexFormat.ofDelimiter(" ").formatHex(bytes, offset, end), ascii);
        }
        if (bytes.length > shown) {
            out.printf("    ... %d more bytes (--json has them all)%n", bytes.length - shown);
        }
    }
}
