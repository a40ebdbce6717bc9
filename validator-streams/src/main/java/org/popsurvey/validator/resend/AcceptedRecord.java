package org.popsurvey.validator.resend;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;

/**
 * What the re-send store keeps per accepted Id: the content that defines "the same row"
 * (neighborhood, estimate, margin of error and its status; not the lineage, which differs on every
 * producer run) and where it was first accepted, so a conflict can point at it.
 *
 * <p>Stored as compact versioned bytes rather than Avro: the store's changelog is internal to the
 * validator and needs no registry subject, and it is written once per accepted record, so its size
 * counts in the validator's throughput.
 */
public record AcceptedRecord(String neighborhood, long estimate, Double marginOfError, MarginOfErrorStatus status,
                             int sourcePartition, long sourceOffset, String sourceFile, long lineNumber,
                             String producerRunId) {

    private static final byte FORMAT_VERSION = 1;

    public static AcceptedRecord of(PopulationRecord record, int sourcePartition, long sourceOffset) {
        return new AcceptedRecord(record.getNeighborhood(), record.getEstimate(), record.getMarginOfError(),
                record.getMarginOfErrorStatus(), sourcePartition, sourceOffset,
                record.getLineage().getSourceFile(), record.getLineage().getLineNumber(),
                record.getLineage().getProducerRunId());
    }

    /** The content fields in which {@code record} differs from this one; empty when it is the same row. */
    public List<String> differingFields(PopulationRecord record) {
        List<String> fields = new ArrayList<>(2);
        if (!neighborhood.equals(record.getNeighborhood())) {
            fields.add("neighborhood");
        }
        if (estimate != record.getEstimate()) {
            fields.add("estimate");
        }
        if (status != record.getMarginOfErrorStatus() || !sameNumber(marginOfError, record.getMarginOfError())) {
            fields.add("margin_of_error");
        }
        return fields;
    }

    private static boolean sameNumber(Double a, Double b) {
        return Objects.equals(a, b); // Double.equals compares bits: no NaN here, and -0.0 never passes the rules
    }

    public byte[] toBytes() {
        byte[] name = neighborhood.getBytes(StandardCharsets.UTF_8);
        byte[] statusName = status.name().getBytes(StandardCharsets.UTF_8);
        byte[] file = sourceFile.getBytes(StandardCharsets.UTF_8);
        byte[] run = producerRunId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + name.length + 8 + 1 + (marginOfError != null ? 8 : 0)
                + 4 + statusName.length + 4 + 8 + 4 + file.length + 8 + 4 + run.length);
        out.put(FORMAT_VERSION);
        out.putInt(name.length).put(name);
        out.putLong(estimate);
        out.put((byte) (marginOfError != null ? 1 : 0));
        if (marginOfError != null) {
            out.putDouble(marginOfError);
        }
        out.putInt(statusName.length).put(statusName);
        out.putInt(sourcePartition);
        out.putLong(sourceOffset);
        out.putInt(file.length).put(file);
        out.putLong(lineNumber);
        out.putInt(run.length).put(run);
        return out.array();
    }

    public static AcceptedRecord fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalStateException("re-send store value has format version " + version
                        + ", this validator reads " + FORMAT_VERSION);
            }
            String neighborhood = readString(in);
            long estimate = in.readLong();
            Double margin = in.readBoolean() ? in.readDouble() : null;
            MarginOfErrorStatus status = MarginOfErrorStatus.valueOf(readString(in));
            return new AcceptedRecord(neighborhood, estimate, margin, status, in.readInt(), in.readLong(),
                    readString(in), in.readLong(), readString(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
