package org.popsurvey.serde;

import java.nio.ByteBuffer;

/**
 * Confluent wire format: byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian), then
 * the Avro binary body.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {}

    /** The schema id of a framed value; a {@link PoisonPillException} if it is not framed. */
    public static int schemaId(byte[] framed) {
        checkFramed(framed);
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    /** Whether the bytes start with a Confluent header (they may still fail to decode). */
    public static boolean isFramed(byte[] value) {
        return value != null && value.length >= HEADER_LENGTH && value[0] == MAGIC_BYTE;
    }

    static void checkFramed(byte[] value) {
        if (value == null) {
            throw new PoisonPillException(PoisonPillException.Reason.NOT_CONFLUENT_FRAMED, -1, "value is null");
        }
        if (value.length < HEADER_LENGTH) {
            throw new PoisonPillException(
                    PoisonPillException.Reason.NOT_CONFLUENT_FRAMED,
                    -1,
                    "value is " + value.length + " byte(s), shorter than the 5-byte Confluent header");
        }
        if (value[0] != MAGIC_BYTE) {
            throw new PoisonPillException(
                    PoisonPillException.Reason.NOT_CONFLUENT_FRAMED,
                    -1,
                    String.format("first byte is 0x%02x, not the Confluent magic byte 0x00", value[0]));
        }
    }

    static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC_BYTE).putInt(schemaId);
    }
}
