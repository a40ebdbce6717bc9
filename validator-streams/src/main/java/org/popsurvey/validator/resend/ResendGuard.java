package org.popsurvey.validator.resend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.popsurvey.deadletter.CellText;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Violation;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.serde.ConfluentAvroDecoder;
import org.popsurvey.serde.PoisonPillException;

/**
 * Decides what happens to a valid row whose Id may have been seen before. The first valid row of an
 * Id is accepted and remembered; a later row with identical content (a repeated producer run, a
 * replayed dead letter) is absorbed; a later row with different content is a conflict. "Content"
 * is the neighborhood, estimate and margin of error with its status, not the lineage, which
 * differs on every producer run.
 *
 * <p>Rejected rows are never remembered, so a dead letter that is fixed and replayed is accepted
 * once, and replaying it again is absorbed as an identical re-send.
 */
public final class ResendGuard {

    /** What to do with the row. {@code violation} is set for a conflict, {@code previous} unless accepted. */
    public record Decision(Verdict verdict, Violation violation, PopulationRecord previous) {}

    public enum Verdict {
        ACCEPT,
        ABSORB,
        CONFLICT
    }

    private final AcceptedIds accepted;
    private final ConfluentAvroDecoder<PopulationRecord> cleanDecoder;

    /** @param cleanDecoder reads a remembered clean value back, with the schema it was written with */
    public ResendGuard(AcceptedIds accepted, ConfluentAvroDecoder<PopulationRecord> cleanDecoder) {
        this.accepted = accepted;
        this.cleanDecoder = cleanDecoder;
    }

    /** @param cleanValue {@code record} as it will be written to the clean topic if accepted */
    public Decision admit(PopulationRecord record, byte[] cleanValue) {
        byte[] known = accepted.putIfAbsent(record.getId(), cleanValue);
        if (known == null) {
            return new Decision(Verdict.ACCEPT, null, null);
        }
        PopulationRecord previous;
        try {
            previous = cleanDecoder.decode(known);
        } catch (PoisonPillException unreadable) {
            // Someone else wrote an unreadable value under this Id on the clean topic: the Id is
            // taken, and this row cannot be shown to be the same one, so it is refused, not lost.
            return new Decision(
                    Verdict.CONFLICT,
                    new Violation(
                            ErrorCode.CONFLICTING_RESEND,
                            "id",
                            Integer.toString(record.getId()),
                            "Id " + record.getId() + " already has a record on the clean "
                                    + "topic, but it does not decode (" + unreadable.getMessage()
                                    + "); the row is not written twice"),
                    null);
        }
        List<String> differing = differingFields(previous, record);
        if (differing.isEmpty()) {
            return new Decision(Verdict.ABSORB, null, previous);
        }
        return new Decision(Verdict.CONFLICT, conflict(record, previous, differing), previous);
    }

    /** The content fields in which {@code record} differs from {@code accepted}; empty when it is the same row. */
    static List<String> differingFields(PopulationRecord accepted, PopulationRecord record) {
        List<String> fields = new ArrayList<>(2);
        if (!accepted.getNeighborhood().equals(record.getNeighborhood())) {
            fields.add("neighborhood");
        }
        if (accepted.getEstimate() != record.getEstimate()) {
            fields.add("estimate");
        }
        // Double.equals compares bits: no NaN passes the rules, nor -0.0.
        if (accepted.getMarginOfErrorStatus() != record.getMarginOfErrorStatus()
                || !Objects.equals(accepted.getMarginOfError(), record.getMarginOfError())) {
            fields.add("margin_of_error");
        }
        return fields;
    }

    /** Where the accepted row came from, as {@code file:line@run}: the {@code conflict.with} header. */
    public static String origin(PopulationRecord accepted) {
        if (accepted == null) {
            return "(an unreadable clean record)";
        }
        SourceLineage lineage = accepted.getLineage();
        return lineage.getSourceFile() + ":" + lineage.getLineNumber() + "@" + lineage.getProducerRunId();
    }

    private static Violation conflict(PopulationRecord record, PopulationRecord previous, List<String> differing) {
        SourceLineage first = previous.getLineage();
        StringBuilder message = new StringBuilder("Id ")
                .append(record.getId())
                .append(" was already accepted from ")
                .append(first.getSourceFile())
                .append(" line ")
                .append(first.getLineNumber())
                .append(" (producer run ")
                .append(first.getProducerRunId())
                .append(") with different ")
                .append(String.join(", ", differing))
                .append(":");
        for (String field : differing) {
            message.append(' ')
                    .append(field)
                    .append(' ')
                    .append(describe(field, record))
                    .append(" here, ")
                    .append(describe(field, previous))
                    .append(" accepted;");
        }
        message.setLength(message.length() - 1);
        return new Violation(
                ErrorCode.CONFLICTING_RESEND,
                "id," + String.join(",", differing),
                Integer.toString(record.getId()),
                message.toString());
    }

    private static String describe(String field, PopulationRecord record) {
        return switch (field) {
            case "neighborhood" -> CellText.quote(record.getNeighborhood());
            case "estimate" -> Long.toString(record.getEstimate());
            default ->
                record.getMarginOfError() == null
                        ? record.getMarginOfErrorStatus().name()
                        : record.getMarginOfError() + " (" + record.getMarginOfErrorStatus() + ")";
        };
    }
}
