package org.popsurvey.serde;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Finds a record type that contains itself. The project's contracts have none; a writer schema
 * that has one lets a value nest as deep as it has bytes, which Avro follows with one Java stack
 * frame (reading) or one parser stack entry (skipping) per level: a small value could exhaust
 * either. Such a schema is refused before any value is read with it.
 */
final class RecursiveSchemas {

    private RecursiveSchemas() {}

    /** The full name of a record type that refers to itself, or null if there is none. */
    static String selfReferencingType(Schema schema) {
        return find(schema, new HashSet<>(), new HashSet<>());
    }

    private static String find(Schema schema, Set<String> onPath, Set<String> cleared) {
        switch (schema.getType()) {
            case RECORD -> {
                String name = schema.getFullName();
                if (onPath.contains(name)) {
                    return name;
                }
                if (cleared.contains(name)) {
                    return null;
                }
                onPath.add(name);
                for (Schema.Field field : schema.getFields()) {
                    String found = find(field.schema(), onPath, cleared);
                    if (found != null) {
                        return found;
                    }
                }
                onPath.remove(name);
                cleared.add(name);
                return null;
            }
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    String found = find(branch, onPath, cleared);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            case ARRAY -> {
                return find(schema.getElementType(), onPath, cleared);
            }
            case MAP -> {
                return find(schema.getValueType(), onPath, cleared);
            }
            default -> {
                return null;
            }
        }
    }
}
