package org.popsurvey.dlq;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What every {@code dlq} command prints passes through here: control characters other than the
 * line break and tab (ESC sequences that move the cursor or rewrite the screen, carriage returns, bells),
 * Unicode format characters (bidirectional overrides, zero-width) and line/paragraph separators
 * become {@code \u001b}-style escapes. Dead letters carry text from anyone who can write to the
 * raw topic, and a terminal must only ever show it, never obey it. JSON output is unaffected:
 * Jackson already escapes these.
 */
final class TerminalSafeWriter extends FilterWriter {

    TerminalSafeWriter(Writer out) {
        super(out);
    }

    static boolean needsEscape(char c) {
        if (c == '\n' || c == '\t') {
            return false; // layout only (stack traces are indented with tabs)
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    @Override
    public void write(int c) throws IOException {
        if (needsEscape((char) c)) {
            out.write(String.format("\\u%04x", c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(buffer[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(text.charAt(i));
        }
    }
}
