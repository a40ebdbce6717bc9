package org.popsurvey.validator.resend;

import java.util.List;

import org.apache.kafka.streams.state.KeyValueStore;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.validator.outcome.CellText;
import org.popsurvey.validator.outcome.ErrorCode;
import org.popsurvey.validator.outcome.Violation;

/**
 * Decides what happens to a valid row whose Id may have been seen before. The first valid row of an
 * Id is accepted and remembered; a later row with identical content (a repeated producer run, a
 * replayed dead letter) is absorbed; a later row with different content is a conflict.
 *
 * <p>Rejected rows never enter the store, so a dead letter that is fixed and replayed is accepted
 * once, and replaying it again is absorbed as an identical re-send. The store is changelogged and
 * updated in the same transaction as the output (exactly_once_v2), so after a crash it agrees with
 * what was committed to the clean topic.
 */
public final class ResendGuard {

    /** Name of the key-value store (and of its changelog topic, {@code <application.id>-accepted-ids-changelog}). */
    public static final String STORE_NAME = "accepted-ids";

    /** What to do with the row. {@code violation} is set for a conflict, {@code previous} unless accepted. */
    public record Decision(Verdict verdict, Violation violation, AcceptedRecord previous) {
    }

    public enum Verdict {
        ACCEPT, ABSORB, CONFLICT
    }

    private final KeyValueStore<String, byte[]> store;

    public ResendGuard(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    public Decision admit(PopulationRecord record, int sourcePartition, long sourceOffset) {
        String key = Integer.toString(record.getId());
        // One store call for the usual case, a new Id: putIfAbsent writes only if the Id is unseen.
        byte[] stored = store.putIfAbsent(key, AcceptedRecord.of(record, sourcePartition, sourceOffset).toBytes());
        if (stored == null) {
            return new Decision(Verdict.ACCEPT, null, null);
        }
        AcceptedRecord previous = AcceptedRecord.fromBytes(stored);
        List<String> differing = previous.differingFields(record);
        if (differing.isEmpty()) {
            return new Decision(Verdict.ABSORB, null, previous);
        }
        return new Decision(Verdict.CONFLICT, conflict(record, previous, differing), previous);
    }

    private static Violation conflict(PopulationRecord record, AcceptedRecord previous, List<String> differing) {
        StringBuilder message = new StringBuilder("Id ").append(record.getId())
                .append(" was already accepted from ").append(previous.sourceFile())
                .append(" line ").append(previous.lineNumber())
                .append(" (producer run ").append(previous.producerRunId())
                .append(", raw partition ").append(previous.sourcePartition())
                .append(" offset ").append(previous.sourceOffset()).append(") with different ")
                .append(String.join(", ", differing)).append(":");
        for (String field : differing) {
            message.append(' ').append(field).append(' ').append(describe(field, record))
                    .append(" here, ").append(describe(field, previous)).append(" accepted;");
        }
        message.setLength(message.length() - 1);
        return new Violation(ErrorCode.CONFLICTING_RESEND, "id," + String.join(",", differing),
                Integer.toString(record.getId()), message.toString());
    }

    private static String describe(String field, PopulationRecord record) {
        return switch (field) {
            case "neighborhood" -> CellText.quote(record.getNeighborhood());
            case "estimate" -> Long.toString(record.getEstimate());
            default -> margin(record.getMarginOfError(), record.getMarginOfErrorStatus().name());
        };
    }

    private static String describe(String field, AcceptedRecord record) {
        return switch (field) {
            case "neighborhood" -> CellText.quote(record.neighborhood());
            case "estimate" -> Long.toString(record.estimate());
            default -> margin(record.marginOfError(), record.status().name());
        };
    }

    private static String margin(Double value, String status) {
        return value == null ? status : value + " (" + status + ")";
    }
}
