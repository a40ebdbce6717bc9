package org.popsurvey.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder that never allocates what the bytes merely declare. Avro allocates a
 * string's or bytes' buffer, and an array's or map's backing store, from the length or item
 * count written in front of it, before reading the content: a body that declares 2^31 items
 * is an {@code OutOfMemoryError}. Here a declared length or block count larger than the whole
 * body is refused first ({@link DeclaredSizeException}): every string byte and every item of a
 * string, bytes, record or union array needs at least one byte of body. Memory stays within a few
 * times the value's size. (Avro's own {@code org.apache.avro.limits.*} system properties are
 * JVM-wide and read once; this bound is per value and exact.)
 */
final class BoundedDecoder extends Decoder {

    /** A declared length or count is larger than the body: the bytes lie. */
    static final class DeclaredSizeException extends IOException {

        private static final long serialVersionUID = 1L;

        DeclaredSizeException(String what, long declared, long bodyLength) {
            super(what + " declares " + declared + (what.endsWith("block") ? " items" : " bytes")
                    + " but the whole Avro body has " + bodyLength + " bytes");
        }
    }

    private final BinaryDecoder in;
    private final long bodyLength;

    BoundedDecoder(BinaryDecoder in, long bodyLength) {
        this.in = in;
        this.bodyLength = bodyLength;
    }

    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    private int checked(String what, long declared) throws IOException {
        if (declared < 0) {
            throw new IOException(what + " declares a negative length " + declared);
        }
        if (declared > bodyLength) {
            throw new DeclaredSizeException(what, declared, bodyLength);
        }
        return (int) declared;
    }

    /**
     * A block's item count, read here rather than by BinaryDecoder (which refuses only counts
     * beyond a Java array, with an exception of its own): negative means the block's byte size
     * follows (Avro's encoding), which is read and ignored.
     */
    private long itemCount(String what) throws IOException {
        long count = in.readLong();
        if (count < 0) {
            in.readLong();
            count = -count;
        }
        return checkedCount(what, count);
    }

    /** Skips blocks that give their byte size; returns the item count of the first that does not (0 at the end). */
    private long skipItems(String what) throws IOException {
        long count = in.readLong();
        while (count < 0) {
            in.skipFixed(checked(what, in.readLong()));
            count = in.readLong();
        }
        return checkedCount(what, count);
    }

    private long checkedCount(String what, long count) throws IOException {
        if (count < 0 || count > bodyLength) {
            throw new DeclaredSizeException(what, count, bodyLength);
        }
        return count;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checked("a string", in.readLong());
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = checked("a string", in.readLong());
        byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checked("a bytes field", in.readLong());
        ByteBuffer result = old != null && old.capacity() >= length ? old : ByteBuffer.allocate(length);
        result.clear();
        in.readFixed(result.array(), result.position(), length);
        result.limit(length);
        return result;
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(checked("a string", in.readLong()));
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(checked("a bytes field", in.readLong()));
    }

    @Override
    public long readArrayStart() throws IOException {
        return itemCount("an array block");
    }

    @Override
    public long arrayNext() throws IOException {
        return itemCount("an array block");
    }

    @Override
    public long skipArray() throws IOException {
        return skipItems("an array block");
    }

    @Override
    public long readMapStart() throws IOException {
        return itemCount("a map block");
    }

    @Override
    public long mapNext() throws IOException {
        return itemCount("a map block");
    }

    @Override
    public long skipMap() throws IOException {
        return skipItems("a map block");
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
