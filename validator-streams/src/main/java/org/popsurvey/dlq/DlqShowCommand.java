package org.popsurvey.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.header.Header;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.deadletter.CellText;
import org.popsurvey.deadletter.DeadLetter;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.deadletter.DeadLetterReader;
import org.popsurvey.deadletter.RecordPosition;
import org.popsurvey.registry.SchemaRegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code dlq show PARTITION:OFFSET}: one dead letter explained: its problems and what they mean,
 * where it came from, the raw row decoded through the registry (or the bytes, when they do not
 * decode), and every header.
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Show one dead letter: its problems, origin, the raw row decoded through the registry, "
                + "and every header.")
final class DlqShowCommand extends DlqSubcommand implements Callable<Integer> {

    /** Lines of a multi-line header (the stack trace) shown in the readable form. */
    static final int HEADER_LINES_SHOWN = 3;

    @Parameters(
            paramLabel = "PARTITION:OFFSET",
            description = "Where the dead letter is, as dlq list prints it (e.g. 0:17).")
    String where;

    @Option(names = "--json", description = "Print JSON for machines instead of text for people.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        RecordPosition position;
        try {
            position = RecordPosition.parseInTopic(deadLetterTopic, where);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int partition = position.partition();
        long offset = position.offset();
        DeadLetter deadLetter;
        try (DeadLetterReader reader = reader()) {
            Optional<DeadLetter> found = reader.at(partition, offset);
            if (found.isEmpty()) {
                throw new CommandFailedException("No dead letter at " + deadLetterTopic + " partition " + partition
                        + " offset " + offset + " (committed offsets of that partition: " + reader.range(partition)
                        + "; an offset inside the range may be a transaction marker or an aborted write)");
            }
            deadLetter = found.get();
        }
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(clientConfig());
        RawValueView raw = RawValueView.decode(deadLetter.value(), registry);
        if (json) {
            printJson(deadLetter, raw);
        } else {
            printText(deadLetter, raw, registry.url().toString());
        }
        if (raw.registryUnavailable()) {
            spec.commandLine()
                    .getErr()
                    .println("error: the raw row could not be decoded because the schema registry " + "at "
                            + registry.url() + " is unreachable; headers are shown above");
            return 1;
        }
        return 0;
    }

    private void printText(DeadLetter deadLetter, RawValueView raw, String registryUrl) {
        PrintWriter out = out();
        out.println("Dead letter " + deadLetter.position());
        var problems = deadLetter.problems();
        out.println("  Problems (" + problems.size() + "):");
        int width = problems.stream().mapToInt(p -> p.code().length()).max().orElse(0);
        for (DeadLetter.Problem problem : problems) {
            out.printf("    %-" + width + "s  %s%n", problem.code(), problem.message());
        }
        out.println("  What they mean:");
        problems.stream()
                .map(DeadLetter.Problem::code)
                .distinct()
                .forEach(code -> out.println("    " + code + ": " + DlqStatsCommand.meaning(code)));
        out.printf(
                "  Dead-lettered:  %s by %s %s (task %s), stage %s%n",
                deadLetter.deadLetteredAt(),
                deadLetter.header(DeadLetterHeaders.APPLICATION_ID).orElse("?"),
                deadLetter.header(DeadLetterHeaders.APPLICATION_VERSION).orElse("?"),
                deadLetter.header(DeadLetterHeaders.TASK_ID).orElse("?"),
                deadLetter.header(DeadLetterHeaders.STAGE).orElse("?"));
        out.printf(
                "  Source record:  %s, timestamp %s, key %s%n",
                deadLetter.source().map(RecordPosition::toString).orElse("?"),
                Instant.ofEpochMilli(deadLetter.timestamp()),
                key(deadLetter.key()));
        deadLetter
                .header(DeadLetterHeaders.PRODUCER_FILE)
                .ifPresent(file -> out.printf(
                        "  Producer:       %s line %s, batch %s, run %s%n",
                        file,
                        deadLetter.header(DeadLetterHeaders.PRODUCER_LINE).orElse("?"),
                        deadLetter.header(DeadLetterHeaders.PRODUCER_BATCH).orElse("?"),
                        deadLetter.header(DeadLetterHeaders.PRODUCER_RUN_ID).orElse("?")));
        deadLetter
                .header(DeadLetterHeaders.CONFLICT_WITH)
                .ifPresent(
                        first -> out.println("  Conflicts with: " + first + " (the row accepted first for this Id)"));
        deadLetter
                .header(DeadLetterHeaders.REPLAY_OF)
                .ifPresent(of -> out.println(
                        "  Replay of:      " + of + " (this row was sent back by dlq replay and failed again)"));
        raw.print(out, registryUrl);
        out.println("  Headers (" + deadLetter.headers().size() + "):");
        for (Header header : deadLetter.headers()) {
            out.println("    " + header.key() + ": " + headerText(header));
        }
        out.println("Replay it once fixed: ./popsurvey dlq replay "
                + deadLetter.position().partition() + ":"
                + deadLetter.position().offset() + " [--set FIELD=VALUE] [--dry-run]");
        out.flush();
    }

    private void printJson(DeadLetter deadLetter, RawValueView raw) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("topic", deadLetter.position().topic());
        root.put("partition", deadLetter.position().partition());
        root.put("offset", deadLetter.position().offset());
        root.put("timestamp", deadLetter.timestamp());
        root.put("dead_lettered_at", deadLetter.deadLetteredAt().toString());
        root.put("key", deadLetter.key() == null ? null : new String(deadLetter.key(), StandardCharsets.UTF_8));
        root.put("key_hex", deadLetter.key() == null ? null : HexFormat.of().formatHex(deadLetter.key()));
        ArrayNode codes = root.putArray("codes");
        deadLetter.codes().forEach(codes::add);
        ArrayNode problems = root.putArray("problems");
        for (DeadLetter.Problem problem : deadLetter.problems()) {
            problems.addObject()
                    .put("code", problem.code())
                    .put("field", problem.field())
                    .put("value", problem.value())
                    .put("message", problem.message())
                    .put("meaning", DlqStatsCommand.meaning(problem.code()));
        }
        root.set("raw", raw.toJson());
        ArrayNode headers = root.putArray("headers");
        for (Header header : deadLetter.headers()) {
            headers.addObject()
                    .put("name", header.key())
                    .put("value", header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        out().println(JSON.writeValueAsString(root));
        out().flush();
    }

    private static String key(byte[] key) {
        if (key == null) {
            return "(none)";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        return text.codePoints().allMatch(CellText::isPrintable)
                ? CellText.quote(text)
                : "hex " + HexFormat.of().formatHex(key);
    }

    private static String headerText(Header header) {
        if (header.value() == null) {
            return "(null)";
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        if (lines.length <= HEADER_LINES_SHOWN) {
            return text;
        }
        return String.join("\n      ", Arrays.copyOf(lines, HEADER_LINES_SHOWN)) + "\n      ... "
                + (lines.length - HEADER_LINES_SHOWN) + " more lines (--json shows all)";
    }
}
