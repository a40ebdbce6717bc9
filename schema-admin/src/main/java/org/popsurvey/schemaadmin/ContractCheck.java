package org.popsurvey.schemaadmin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.popsurvey.registry.CompatibilityVerdict;
import org.popsurvey.registry.RegisteredSchema;
import org.popsurvey.registry.SchemaNotFoundException;
import org.popsurvey.registry.SchemaRegistryClient;

/**
 * One contract against what its subject holds: new subject, already registered, or compatible or
 * not under a level, with the reasons. The registry's verdict counts (it is the one that refuses);
 * the reasons are Avro's field-level ones computed here ({@link LocalCompatibility}), else the
 * registry's own messages where it gives any.
 */
record ContractCheck(
        Contract contract,
        Outcome outcome,
        CompatibilityLevel level,
        Optional<RegisteredSchema> match,
        List<Integer> versions,
        List<String> reasons) {

    enum Outcome {
        NEW_SUBJECT,
        ALREADY_REGISTERED,
        COMPATIBLE,
        INCOMPATIBLE
    }

    static ContractCheck run(SchemaRegistryClient registry, Contract contract, CompatibilityLevel level) {
        String subject = contract.subject();
        List<Integer> versions = registry.versions(subject);
        if (versions.isEmpty()) {
            return new ContractCheck(contract, Outcome.NEW_SUBJECT, level, Optional.empty(), versions, List.of());
        }
        Optional<RegisteredSchema> match = lookup(registry, contract);
        if (match.isPresent()) {
            return new ContractCheck(contract, Outcome.ALREADY_REGISTERED, level, match, versions, List.of());
        }
        List<Integer> against = level.transitive() ? versions : List.of(versions.get(versions.size() - 1));
        List<RegisteredSchema> registered = new ArrayList<>();
        for (int version : against) {
            registered.add(registry.version(subject, version));
        }
        List<String> reasons = new ArrayList<>(LocalCompatibility.check(level, contract.schema(), registered).stream()
                .map(Incompatibility::toString)
                .toList());
        if (reasons.isEmpty() && level != CompatibilityLevel.NONE) {
            CompatibilityVerdict verdict = registry.testCompatibility(subject, contract.schema());
            if (!verdict.compatible()) {
                reasons.addAll(
                        verdict.messages().isEmpty()
                                ? List.of("the registry at " + registry.url() + " finds it incompatible and gives "
                                        + "no reason")
                                : verdict.messages());
            }
        }
        Outcome outcome = reasons.isEmpty() ? Outcome.COMPATIBLE : Outcome.INCOMPATIBLE;
        return new ContractCheck(contract, outcome, level, Optional.empty(), versions, reasons);
    }

    /** The one-line verdict for people and CI logs. */
    String summary() {
        String subject = contract.subject();
        return switch (outcome) {
            case NEW_SUBJECT -> subject + ": new subject, " + contract.source() + " would be its version 1";
            case ALREADY_REGISTERED ->
                subject + ": " + contract.source() + " is registered as version "
                        + match.orElseThrow().version() + " (id "
                        + match.orElseThrow().id() + ")";
            case COMPATIBLE ->
                subject + ": " + contract.source() + " is compatible under " + level + " with " + against()
                        + "; it would be version " + (latest() + 1);
            case INCOMPATIBLE ->
                subject + ": " + contract.source() + " is INCOMPATIBLE under " + level + " with " + against() + ":";
        };
    }

    private String against() {
        if (level.transitive() && versions.size() > 1) {
            return "versions " + versions.get(0) + "-" + latest();
        }
        return "version " + latest();
    }

    private int latest() {
        return versions.get(versions.size() - 1);
    }

    private static Optional<RegisteredSchema> lookup(SchemaRegistryClient registry, Contract contract) {
        try {
            return Optional.of(registry.lookup(contract.subject(), contract.schema()));
        } catch (SchemaNotFoundException notYetRegistered) {
            return Optional.empty();
        }
    }
}
