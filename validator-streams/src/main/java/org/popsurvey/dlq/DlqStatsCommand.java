package org.popsurvey.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.deadletter.DeadLetterReader;
import org.popsurvey.deadletter.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dlq stats}: how many dead letters per error code, first and last seen, and what each code means. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Count dead letters by error code (a record with two codes counts under both), with the first "
                + "and last time each was seen and what it means.")
final class DlqStatsCommand extends DlqSubcommand implements Callable<Integer> {

    @Mixin
    DeadLetterSelection selection;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** Counts of one code (or stage). */
    static final class Tally {
        long count;
        Instant first;
        Instant last;

        void add(Instant at) {
            count++;
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
        }
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Set<String> codes = selection.checkedCodes();
        Map<String, Tally> byCode = new TreeMap<>();
        Map<String, Tally> byStage = new TreeMap<>();
        Tally total = new Tally();
        long[] scanned = {0};
        try (DeadLetterReader reader = reader()) {
            reader.scan(deadLetter -> {
                scanned[0]++;
                if (!selection.matches(deadLetter, codes)) {
                    return;
                }
                Instant at = deadLetter.deadLetteredAt();
                total.add(at);
                for (String code : deadLetter.codes().isEmpty() ? List.of("(no code)") : deadLetter.codes()) {
                    byCode.computeIfAbsent(code, c -> new Tally()).add(at);
                }
                byStage.computeIfAbsent(
                                deadLetter.header(DeadLetterHeaders.STAGE).orElse("(none)"), s -> new Tally())
                        .add(at);
            });
        }
        if (json) {
            printJson(total, scanned[0], byCode, byStage);
        } else {
            printTable(total, scanned[0], byCode, byStage);
        }
        return 0;
    }

    private void printTable(Tally total, long scanned, Map<String, Tally> byCode, Map<String, Tally> byStage) {
        PrintWriter out = out();
        out.printf(
                "Dead letters in %s: %d%s%n",
                deadLetterTopic, total.count, selection.isEmpty() ? "" : " matching (of " + scanned + ")");
        if (total.count == 0) {
            out.flush();
            return;
        }
        TextTable table = new TextTable("CODE", "RECORDS", "FIRST SEEN", "LAST SEEN");
        byCode.forEach((code, tally) ->
                table.row(code, Long.toString(tally.count), tally.first.toString(), tally.last.toString()));
        table.print(out);
        out.print("By stage:");
        byStage.forEach((stage, tally) -> out.print(" " + stage + " " + tally.count));
        out.println();
        out.println();
        out.println("What the codes mean:");
        for (String code : byCode.keySet()) {
            out.println("  " + code + ": " + meaning(code));
        }
        out.flush();
    }

    private void printJson(Tally total, long scanned, Map<String, Tally> byCode, Map<String, Tally> byStage)
            throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("topic", deadLetterTopic);
        root.put("scanned", scanned);
        root.put("dead_letters", total.count);
        ArrayNode codes = root.putArray("codes");
        byCode.forEach((code, tally) -> codes.addObject()
                .put("code", code)
                .put("records", tally.count)
                .put("first_seen", tally.first.toString())
                .put("last_seen", tally.last.toString())
                .put("meaning", meaning(code)));
        ObjectNode stages = root.putObject("stages");
        byStage.forEach((stage, tally) -> stages.put(stage, tally.count));
        out().println(JSON.writeValueAsString(root));
        out().flush();
    }

    static String meaning(String code) {
        try {
            return ErrorCode.valueOf(code).meaning();
        } catch (IllegalArgumentException unknown) {
            return "(not a code this validator version knows)";
        }
    }
}
