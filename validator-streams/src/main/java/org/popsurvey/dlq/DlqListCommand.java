package org.popsurvey.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.popsurvey.deadletter.DeadLetter;
import org.popsurvey.deadletter.DeadLetterReader;
import org.popsurvey.deadletter.RecordPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code dlq list}: one line per dead letter, in partition and offset order, a page at a time.
 * Only the page is kept in memory, so it works on a dead-letter topic of any size.
 */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "List dead letters, a page at a time, optionally filtered by code or time.")
final class DlqListCommand extends DlqSubcommand implements Callable<Integer> {

    /** Messages are cut to this width in the table; {@code dlq show} has them whole. */
    static final int MESSAGE_WIDTH = 110;

    @Mixin
    DeadLetterSelection selection;

    @Option(
            names = "--page",
            paramLabel = "N",
            defaultValue = "1",
            description = "Page to show, from 1 (default: ${DEFAULT-VALUE}).")
    int page;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "20",
            description = "Dead letters per page (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--json", description = "Print the page as JSON.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        if (page < 1 || pageSize < 1) {
            throw new ParameterException(spec.commandLine(), "--page and --page-size must be at least 1");
        }
        Set<String> codes = selection.checkedCodes();
        long skip = (long) (page - 1) * pageSize;
        List<DeadLetter> shown = new ArrayList<>(pageSize);
        long[] matching = {0};
        long[] scanned = {0};
        try (DeadLetterReader reader = reader()) {
            reader.scan(deadLetter -> {
                scanned[0]++;
                if (selection.matches(deadLetter, codes)) {
                    if (matching[0] >= skip && shown.size() < pageSize) {
                        shown.add(deadLetter);
                    }
                    matching[0]++;
                }
            });
        }
        long pages = Math.max(1, (matching[0] + pageSize - 1) / pageSize);
        if (json) {
            printJson(shown, matching[0], pages);
        } else {
            printTable(shown, matching[0], scanned[0], pages);
        }
        return 0;
    }

    private void printTable(List<DeadLetter> shown, long matching, long scanned, long pages) {
        PrintWriter out = out();
        if (shown.isEmpty()) {
            out.printf(
                    "No dead letters %s in %s (%d scanned).%n",
                    matching == 0 ? "match" : "on page " + page, deadLetterTopic, scanned);
            out.flush();
            return;
        }
        TextTable table = new TextTable("POSITION", "DEAD-LETTERED", "CODES", "SOURCE", "PRODUCER", "MESSAGE");
        for (DeadLetter deadLetter : shown) {
            table.row(
                    deadLetter.position().partition() + ":"
                            + deadLetter.position().offset(),
                    deadLetter.deadLetteredAt().toString(),
                    String.join(",", deadLetter.codes()),
                    deadLetter.source().map(RecordPosition::toString).orElse("-"),
                    deadLetter.producerLine().orElse("-"),
                    cut(problemText(deadLetter)));
        }
        table.print(out);
        out.printf(
                "Page %d of %d: %d of %d matching dead letters in %s (%d in all).%s%n",
                page,
                pages,
                shown.size(),
                matching,
                deadLetterTopic,
                scanned,
                page < pages ? " Next: --page " + (page + 1) : "");
        out.println("Details of one: ./popsurvey dlq show PARTITION:OFFSET");
        out.flush();
    }

    private void printJson(List<DeadLetter> shown, long matching, long pages) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("topic", deadLetterTopic).put("page", page).put("pages", pages).put("matching", matching);
        ArrayNode items = root.putArray("dead_letters");
        for (DeadLetter deadLetter : shown) {
            ObjectNode item = items.addObject();
            item.put("partition", deadLetter.position().partition());
            item.put("offset", deadLetter.position().offset());
            item.put("dead_lettered_at", deadLetter.deadLetteredAt().toString());
            ArrayNode codes = item.putArray("codes");
            deadLetter.codes().forEach(codes::add);
            item.put("source", deadLetter.source().map(RecordPosition::toString).orElse(null));
            item.put("producer", deadLetter.producerLine().orElse(null));
            item.put("message", problemText(deadLetter));
        }
        out().println(JSON.writeValueAsString(root));
        out().flush();
    }

    /** The problems' messages without their codes (the CODES column has them). */
    private static String problemText(DeadLetter deadLetter) {
        List<DeadLetter.Problem> problems = deadLetter.problems();
        if (problems.isEmpty()) {
            return deadLetter.message();
        }
        return String.join(
                "; ", problems.stream().map(DeadLetter.Problem::message).toList());
    }

    private static String cut(String message) {
        String oneLine = message.replace('\n', ' ');
        return oneLine.length() <= MESSAGE_WIDTH ? oneLine : oneLine.substring(0, MESSAGE_WIDTH - 3) + "...";
    }
}
