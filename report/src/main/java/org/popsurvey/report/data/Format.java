package org.popsurvey.report.data;

import java.util.Locale;

/**
 * Numbers as the report and {@code compare} show them (US style, as ACS tables do): counts and
 * dollars rounded to whole units with thousands separators, rates and CVs as percentages with one
 * decimal. Tests read the shown text back with {@link #parse}.
 */
public final class Format {

    public static final String UNKNOWN = "n/a";

    private Format() {}

    public static String value(Metric.Kind kind, Double value) {
        if (value == null) {
            return UNKNOWN;
        }
        return switch (kind) {
            case COUNT -> String.format(Locale.US, "%,.0f", value);
            case DOLLARS -> String.format(Locale.US, "$%,.0f", value);
            case RATE -> percent(value);
        };
    }

    /** {@code 309,327 ± 4,198}; the margin alone when the value is known and the margin is not. */
    public static String withMoe(Metric.Kind kind, Double value, Double moe) {
        return value(kind, value) + " ± " + value(kind, moe);
    }

    public static String percent(Double fraction) {
        return fraction == null ? UNKNOWN : String.format(Locale.US, "%.1f%%", fraction * 100);
    }

    public static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    /** The number a shown value stands for: "$1,234" -> 1234, "12.5%" -> 0.125; null for {@link #UNKNOWN}. */
    public static Double parse(String shown) {
        String text = shown.strip();
        if (text.equals(UNKNOWN)) {
            return null;
        }
        boolean percent = text.endsWith("%");
        double number =
                Double.parseDouble(text.replace("$", "").replace(",", "").replace("%", ""));
        return percent ? number / 100 : number;
    }
}
