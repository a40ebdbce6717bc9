package org.popsurvey.schemaadmin;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns the location Avro's compatibility check reports (a JSON pointer into the reader schema,
 * such as {@code /fields/6} or {@code /fields/5/type/fields/1}) into the field's dotted name
 * ({@code lineage.batch_number}), which is what a person looks for in the .avsc file.
 */
final class FieldPath {

    private FieldPath() {}

    static String of(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema current = reader;
        String[] steps = location.startsWith("/") ? location.substring(1).split("/") : location.split("/");
        for (int i = 0; i < steps.length && current != null; i++) {
            String step = steps[i];
            if (step.equals("fields") && current.getType() == Schema.Type.RECORD && i + 1 < steps.length) {
                Schema.Field field = fieldAt(current, steps[++i]);
                if (field == null) {
                    break;
                }
                names.add(field.name());
                current = field.schema();
            } else if (step.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if (step.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (current.getType() == Schema.Type.UNION && isIndex(step)) {
                int branch = Integer.parseInt(step);
                current =
                        branch < current.getTypes().size() ? current.getTypes().get(branch) : null;
            }
            // "type" and anything else: the same schema, one level of the pointer down
        }
        return names.isEmpty() ? reader.getFullName() : String.join(".", names);
    }

    private static Schema.Field fieldAt(Schema record, String index) {
        if (!isIndex(index)) {
            return null;
        }
        int position = Integer.parseInt(index);
        return position < record.getFields().size() ? record.getFields().get(position) : null;
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.length() < 10 && step.chars().allMatch(Character::isDigit);
    }
}
