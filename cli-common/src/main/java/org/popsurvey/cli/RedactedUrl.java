package org.popsurvey.cli;

import java.util.regex.Pattern;

/**
 * Removes credentials from URLs (the registry's, above all) before they reach a message or a log: the user-info part
 * of {@code scheme://user:password@host} becomes {@code ***@}. Works on text, not on a parsed URI,
 * so a URL too malformed to parse (the very case an error message quotes) is redacted too, as is
 * any text that merely contains such a URL (an exception's message).
 */
public final class RedactedUrl {

    /** Within one token: {@code //} up to the token's last {@code @} (a password may hold '/' or '@'). */
    private static final Pattern IN_TOKEN = Pattern.compile("(//)\\S*@");
    /** Across spaces (a malformed URL): {@code //} up to an {@code @} before any '/'. */
    private static final Pattern ACROSS_SPACES = Pattern.compile("(//)[^/@\\n]*@");

    private RedactedUrl() {}

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String once = IN_TOKEN.matcher(text).replaceAll("$1***@");
        return ACROSS_SPACES.matcher(once).replaceAll("$1***@");
    }
}
