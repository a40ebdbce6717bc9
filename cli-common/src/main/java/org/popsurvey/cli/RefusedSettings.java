package org.popsurvey.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The client settings {@code --config} may not give, declared once for every command: each one
 * would let records be dropped, skipped, reordered or read uncommitted, which breaks the
 * accounting {@code rows produced = clean + dead letters + absorbed}. A key matches by its name
 * or any prefixed form ({@code consumer.isolation.level}, {@code producer.acks},
 * {@code kafka.isolation.level} for Spark), since Kafka Streams and Spark pass prefixed settings
 * through to their clients. A refused setting is a usage error (exit 2) naming the setting and why.
 */
public final class RefusedSettings {

    /**
     * One rule: the setting, the values still allowed (lower case; empty: any value is refused),
     * and why the others are refused.
     */
    public record Rule(String name, Set<String> allowedValues, String reason) {

        boolean matches(String key) {
            return key.equals(name) || key.endsWith("." + name);
        }

        boolean allows(Object value) {
            return value != null
                    && allowedValues.contains(value.toString().strip().toLowerCase(Locale.ROOT));
        }
    }

    /** The table, in the order the documentation lists it. */
    public static final List<Rule> RULES = List.of(
            new Rule(
                    "default.deserialization.exception.handler",
                    Set.of(),
                    "a handler can skip a record that fails to deserialize; the validator dead-letters those itself"),
            new Rule(
                    "deserialization.exception.handler",
                    Set.of(),
                    "a handler can skip a record that fails to deserialize; the validator dead-letters those itself"),
            new Rule(
                    "default.production.exception.handler",
                    Set.of(),
                    "a handler can drop a clean record or dead letter that failed to send"),
            new Rule(
                    "production.exception.handler",
                    Set.of(),
                    "a handler can drop a clean record or dead letter that failed to send"),
            new Rule("processing.exception.handler", Set.of(), "a handler can skip a record whose processing failed"),
            new Rule(
                    "default.timestamp.extractor",
                    Set.of(),
                    "an extractor can make Kafka Streams drop a record with an invalid timestamp"),
            new Rule(
                    "processing.guarantee",
                    Set.of("exactly_once_v2"),
                    "clean records, dead letters and offsets must commit together (exactly_once_v2)"),
            new Rule(
                    "isolation.level",
                    Set.of("read_committed"),
                    "records of aborted transactions would be read as if written"),
            new Rule(
                    "auto.offset.reset",
                    Set.of("earliest"),
                    "any other value skips records when no committed offset is found"),
            new Rule(
                    "enable.auto.commit",
                    Set.of("false"),
                    "offsets would be committed for records not yet handled; a crash would skip them"),
            new Rule(
                    "interceptor.classes",
                    Set.of(),
                    "an interceptor can drop or change records behind the accounting's back"),
            new Rule(
                    "partitioner.class",
                    Set.of(),
                    "a custom partitioner can send the rows of one Id to different partitions"),
            new Rule("partitioner.ignore.keys", Set.of("false"), "rows would be spread regardless of their Id key"),
            new Rule("enable.idempotence", Set.of("true"), "a retried send could duplicate or reorder records"),
            new Rule(
                    "acks",
                    Set.of("all", "-1"),
                    "an acknowledged record could be lost when a partition leader fails; acks=all is required"),
            // Spark settings (enrich's --spark-conf and the Spark configuration it runs with).
            new Rule(
                    "spark.sql.files.ignoreCorruptFiles",
                    Set.of("false"),
                    "the enricher reads each published bucket file back to merge a batch into it; a skipped "
                            + "file would drop its neighborhoods from the output"),
            new Rule(
                    "spark.sql.files.ignoreMissingFiles",
                    Set.of("false"),
                    "the enricher reads each published bucket file back to merge a batch into it; a skipped "
                            + "file would drop its neighborhoods from the output"));

    private RefusedSettings() {}

    /**
     * Throws {@link RefusedSettingException} for the first refused setting in {@code config}.
     *
     * @param source where the settings came from, for the message (for example {@code --config client.properties})
     */
    public static void check(Map<String, ?> config, String source) {
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            String key = entry.getKey().strip();
            for (Rule rule : RULES) {
                if (rule.matches(key) && !rule.allows(entry.getValue())) {
                    throw new RefusedSettingException(describe(source, key, entry.getValue(), rule));
                }
            }
        }
    }

    private static String describe(String source, String key, Object value, Rule rule) {
        String allowed = rule.allowedValues().isEmpty()
                ? "remove it"
                : "allowed: "
                        + String.join(
                                " or ", rule.allowedValues().stream().sorted().toList());
        return source + " sets " + key + "=" + value + ", which popsurvey refuses: " + rule.reason() + " (" + allowed
                + ")";
    }

    /** A refused setting: a usage error, exit code 2. */
    public static final class RefusedSettingException extends CommandFailedException {

        private static final long serialVersionUID = 1L;

        RefusedSettingException(String message) {
            super(message);
        }
    }
}
