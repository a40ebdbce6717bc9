package org.popsurvey.schemaadmin;

/**
 * One reason a contract cannot be registered next: the field it concerns (dotted path, or the
 * record's name when the whole record is concerned) and why, in words.
 */
record Incompatibility(String field, String reason) {

    @Override
    public String toString() {
        return "field " + field + ": " + reason;
    }
}
