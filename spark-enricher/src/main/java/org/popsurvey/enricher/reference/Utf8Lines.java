package org.popsurvey.enricher.reference;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file line by line as strict UTF-8: a byte sequence that is not UTF-8 is an
 * {@link InvalidUtf8Exception} telling the line's valid text before it, where Java's readers
 * would silently put U+FFFD in its place. Lines end at {@code \n}, {@code \r\n} or {@code \r}, as
 * for {@link java.io.BufferedReader#readLine()}.
 */
final class Utf8Lines implements Closeable {

    /** Bytes of a line that are not UTF-8. */
    static final class InvalidUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;
        private final long lineNumber;
        private final String validPrefix;

        InvalidUtf8Exception(long lineNumber, String validPrefix, int byteOffset, int badByte) {
            super(String.format("byte 0x%02X at byte %d of the line is not valid UTF-8", badByte, byteOffset + 1));
            this.lineNumber = lineNumber;
            this.validPrefix = validPrefix;
        }

        /** The line holding the invalid bytes, 1 for the first. */
        long lineNumber() {
            return lineNumber;
        }

        /** The line's text before the invalid bytes. */
        String validPrefix() {
            return validPrefix;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1 << 12];
    private long lines;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, or null after the last one. */
    String next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                return any ? decode(length) : null;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                return decode(length);
            }
            if (b == '\r') {
                if ((position < limit || fill()) && buffer[position] == '\n') {
                    position++;
                }
                return decode(length);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = b;
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private String decode(int length) throws InvalidUtf8Exception {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer chars = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int offset = bytes.position();
            throw new InvalidUtf8Exception(lines + 1, chars.flip().toString(), offset, line[offset] & 0xFF);
        }
        lines++;
        return chars.flip().toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
