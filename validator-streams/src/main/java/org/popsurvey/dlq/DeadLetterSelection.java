package org.popsurvey.dlq;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.popsurvey.deadletter.DeadLetter;
import org.popsurvey.deadletter.ErrorCode;
import picocli.CommandLine.Option;

/** Filters shared by {@code dlq stats}, {@code list} and {@code replay} (picocli mixin). */
public final class DeadLetterSelection {

    @Option(
            names = "--code",
            paramLabel = "CODE",
            split = ",",
            description =
                    "Only dead letters with this error code (repeatable, or comma-separated), e.g. ESTIMATE_NOT_A_NUMBER.")
    List<ErrorCode> codes = List.of();

    @Option(
            names = "--since",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description =
                    "Only dead letters written at or after TIME (2025-11-28T10:15:00Z, 2025-11-28, or 2h for two hours ago).")
    Instant since;

    @Option(
            names = "--until",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "Only dead letters written before TIME (same forms as --since).")
    Instant until;

    public boolean isEmpty() {
        return codes.isEmpty() && since == null && until == null;
    }

    /** The names of the codes asked for (picocli has already refused unknown ones). */
    Set<String> checkedCodes() {
        return codes.stream().map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    boolean matches(DeadLetter deadLetter, Set<String> wantedCodes) {
        if (!wantedCodes.isEmpty() && deadLetter.codes().stream().noneMatch(wantedCodes::contains)) {
            return false;
        }
        Instant at = deadLetter.deadLetteredAt();
        return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
    }
}
