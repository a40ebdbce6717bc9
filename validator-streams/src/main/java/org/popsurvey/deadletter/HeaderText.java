package org.popsurvey.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bounds the text a dead letter's headers copy from a record, so that no record, however wide
 * or long its cells, makes a dead letter too large to write: a text longer than its bound is cut
 * (never inside a surrogate pair) and says so, with its full length and the SHA-256 of its UTF-8
 * bytes, which identify the original (the dead letter's value still holds it, byte for byte).
 */
public final class HeaderText {

    /** Characters of a cell's text kept in {@code __popsurvey.errors.details}. */
    public static final int CELL_CHARS = 256;
    /** Characters of a readable header ({@code __streams.errors.message}, lineage...). */
    public static final int MESSAGE_CHARS = 4_096;
    /** Characters of a stack trace. */
    public static final int STACKTRACE_CHARS = 8_192;

    private HeaderText() {}

    /** Whether {@code text} is longer than {@code maxChars}. */
    public static boolean isCut(String text, int maxChars) {
        return text != null && text.length() > maxChars;
    }

    /** The first {@code maxChars} characters, without a split surrogate pair. */
    public static String prefix(String text, int maxChars) {
        if (!isCut(text, maxChars)) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }

    /** {@code text}, or its prefix followed by {@code ... [cut: N characters, sha256 HEX]}. */
    public static String cut(String text, int maxChars) {
        if (!isCut(text, maxChars)) {
            return text;
        }
        return prefix(text, maxChars) + "... [cut: " + text.length() + " characters, sha256 " + sha256(text) + "]";
    }

    /** SHA-256 of the text's UTF-8 bytes, lower-case hex. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
