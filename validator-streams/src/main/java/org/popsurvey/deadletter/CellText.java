package org.popsurvey.deadletter;

/**
 * Renders cell text inside messages so that a person sees exactly what was there: quoted, with
 * invisible characters escaped ({@code \t}, {@code \u00a0}) and very long cells shortened.
 */
public final class CellText {

    /** Longer cells are cut in messages (the dead letter keeps the full value). */
    static final int MAX_SHOWN = 60;

    private CellText() {}

    public static String quote(String text) {
        if (text == null) {
            return "(missing)";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 8).append('\'');
        int shown = 0;
        for (int i = 0; i < text.length() && shown < MAX_SHOWN; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            appendVisible(out, cp);
        }
        out.append('\'');
        int total = text.codePointCount(0, text.length());
        if (total > shown) {
            out.append("... (").append(total).append(" characters)");
        }
        return out.toString();
    }

    private static void appendVisible(StringBuilder out, int cp) {
        switch (cp) {
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\'' -> out.append("\\'");
            case '\\' -> out.append("\\\\");
            default -> {
                if (cp == ' ' || (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && isPrintable(cp))) {
                    out.appendCodePoint(cp);
                } else {
                    out.append(String.format("\\u%04x", cp));
                }
            }
        }
    }

    /** Visible glyphs: not a control, format, surrogate, private-use or unassigned code point. */
    public static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
