package org.popsurvey.schemaadmin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.popsurvey.registry.RegisteredSchema;

/**
 * The field-level reasons a contract breaks a subject's compatibility level, computed here with
 * Avro's own {@link SchemaCompatibility} (the check Confluent's registry runs for Avro), because
 * a registry may answer only "not compatible" (Apicurio's Confluent API does).
 */
final class LocalCompatibility {

    private LocalCompatibility() {}

    /**
     * Every incompatibility of {@code candidate} with the {@code registered} versions (oldest
     * first) under {@code level}: against the latest, or every version for a transitive level.
     */
    static List<Incompatibility> check(CompatibilityLevel level, Schema candidate, List<RegisteredSchema> registered) {
        List<RegisteredSchema> against = registered.isEmpty() || level.transitive()
                ? registered
                : List.of(registered.get(registered.size() - 1));
        // A set: a transitive check finds the same break once per older version.
        LinkedHashSet<Incompatibility> found = new LinkedHashSet<>();
        for (RegisteredSchema version : against) {
            String name = "version " + version.version();
            if (level.newReadsOld()) {
                found.addAll(incompatibilities(
                        candidate, version.schema(), "the new contract cannot read data written with " + name));
            }
            if (level.oldReadsNew()) {
                found.addAll(incompatibilities(
                        version.schema(), candidate, name + " cannot read data written with the new contract"));
            }
        }
        return new ArrayList<>(found);
    }

    private static List<Incompatibility> incompatibilities(Schema reader, Schema writer, String direction) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult()
                .getIncompatibilities()
                .stream()
                .map(problem -> new Incompatibility(
                        FieldPath.of(reader, problem.getLocation()),
                        describe(problem.getType(), problem.getMessage()) + " (" + direction + ")"))
                .toList();
    }

    private static String describe(SchemaIncompatibilityType type, String message) {
        return switch (type) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "has no default value, and data written without it exists";
            case TYPE_MISMATCH -> "type changed (" + message + ")";
            case MISSING_UNION_BRANCH -> "a union branch is missing (" + message + ")";
            case MISSING_ENUM_SYMBOLS -> "enum symbols are missing (" + message + ")";
            case NAME_MISMATCH -> "the named type was renamed (" + message + ")";
            default -> type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + message + ")";
        };
    }
}
