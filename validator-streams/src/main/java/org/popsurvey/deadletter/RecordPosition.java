package org.popsurvey.deadletter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record's place: {@code topic:partition:offset}. Topic names cannot contain ':' (Kafka allows
 * only letters, digits, '.', '_' and '-'), so the text form is unambiguous.
 */
public record RecordPosition(String topic, int partition, long offset) {

    private static final Pattern FORM = Pattern.compile("(.+):([0-9]+):([0-9]+)");
    private static final Pattern IN_TOPIC = Pattern.compile("([0-9]{1,10}):([0-9]{1,19})");

    @Override
    public String toString() {
        return topic + ":" + partition + ":" + offset;
    }

    public static RecordPosition parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not TOPIC:PARTITION:OFFSET");
        }
        return new RecordPosition(
                matcher.group(1), Integer.parseInt(matcher.group(2)), Long.parseLong(matcher.group(3)));
    }

    /** {@code PARTITION:OFFSET} in a known topic, as {@code dlq list} prints a dead letter's place. */
    public static RecordPosition parseInTopic(String topic, String text) {
        Matcher matcher = IN_TOPIC.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not PARTITION:OFFSET (for example 0:17)");
        }
        try {
            return new RecordPosition(topic, Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not PARTITION:OFFSET (the number is too large)");
        }
    }
}
