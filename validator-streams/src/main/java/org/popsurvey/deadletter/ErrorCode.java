package org.popsurvey.deadletter;

/**
 * Every reason the validator dead-letters a record. The names are a public contract: they appear
 * in the {@code __popsurvey.errors.codes} header, in metrics and in {@code dlq stats}, so a name
 * is never changed or reused; a new reason gets a new name.
 *
 * <p>The ACS annotations (the Census Bureau's notes on ACS data, for example
 * https://www.census.gov/data/developers/notes-on-data-profiles.html):
 * in the estimate column, {@code -} means no or too few sample observations to compute an estimate;
 * {@code N} means the estimate cannot be displayed because the number of sample cases is too small;
 * {@code (X)} means not applicable or not available. In the margin-of-error column, {@code **}
 * means no or too few sample observations to compute a standard error, {@code ***} that the
 * median falls in the lowest or upper interval of an open-ended distribution, {@code *****} that
 * the estimate is controlled (a statistical test for sampling variability is not appropriate),
 * and {@code N} and {@code (X)} as above. A row without an estimate has nothing to enrich, so the
 * estimate annotations are rejected; the margin-of-error annotations are kept as
 * {@code margin_of_error_status} on a valid record.
 */
public enum ErrorCode {
    NOT_CONFLUENT_AVRO(
            Stage.DESERIALIZATION,
            "value",
            "The value is not in the Confluent wire format: null, shorter than the 5-byte header, or its "
                    + "first byte is not the magic byte 0x00 (for example JSON or CSV text sent by another producer)."),
    UNKNOWN_SCHEMA_ID(
            Stage.DESERIALIZATION,
            "value",
            "The value names a schema id the registry does not know (written against another registry, or "
                    + "the registry lost its schemas). Replay after registering the schema."),
    UNDECODABLE_AVRO(
            Stage.DESERIALIZATION,
            "value",
            "The body does not decode with the schema its header names, or that schema does not resolve to "
                    + "RawPopulationRow (corrupt bytes, a different record type, bytes left over)."),
    VALUE_TOO_LARGE(
            Stage.DESERIALIZATION,
            "value",
            "The value is larger than --max-value-bytes (default 1048576). It is not decoded; a valid row is "
                    + "a few hundred bytes."),
    HEADERS_TOO_LARGE(
            Stage.DESERIALIZATION,
            "headers",
            "The record's own headers hold more than 65536 bytes (names and values). A clean record carries them, "
                    + "so they are bounded; the dead letter keeps them."),
    NOT_AN_AVRO_SCHEMA(
            Stage.DESERIALIZATION,
            "value",
            "The value names a schema id whose schema is not Avro (a Protobuf or JSON Schema registered in the same "
                    + "registry) or does not parse as Avro. Another producer's record on this topic."),
    SCHEMA_ID_REFUSED_BY_REGISTRY(
            Stage.DESERIALIZATION,
            "value",
            "The registry answered the value's schema id with an error other than not found, unavailable or "
                    + "access denied (for example 400 or 422: an id it cannot look up)."),
    AVRO_DECLARED_SIZE_EXCEEDS_VALUE(
            Stage.DESERIALIZATION,
            "value",
            "A string, bytes, array or map in the body declares more bytes or items than the whole value holds: "
                    + "corrupt or hostile bytes. Refused before anything is allocated."),

    CELL_COUNT_MISMATCH(
            Stage.VALIDATION,
            "row",
            "The CSV line had fewer or more than the 4 cells of the header (Neighborhood, Id, Estimate; Total, "
                    + "Margin of Error; Total). Often an unquoted comma in a name, or a truncated line."),
    TOO_MANY_CELLS(
            Stage.VALIDATION,
            "row",
            "The line had more cells than --max-cells (default 1000; the header has 4). Reported instead of "
                    + "CELL_COUNT_MISMATCH, and the row's other rules are not run."),
    CELL_TOO_LONG(
            Stage.VALIDATION,
            "row",
            "A cell is longer than --max-cell-length characters (default 10000). The row's other rules are not run."),
    LINEAGE_TOO_LONG(
            Stage.VALIDATION,
            "lineage",
            "The lineage's source_file is longer than 4096 characters or its producer_run_id longer than 256: "
                    + "the lineage is copied into every clean record and the validator's memory, so it is bounded."),
    KEY_ID_MISMATCH(
            Stage.VALIDATION,
            "key",
            "The record key is not the Id cell's text. The key decides the partition, and the re-send check "
                    + "relies on every row of an Id arriving on the same partition."),

    NEIGHBORHOOD_EMPTY(Stage.VALIDATION, "neighborhood", "The Neighborhood cell is empty or only whitespace."),
    NEIGHBORHOOD_PADDED(
            Stage.VALIDATION,
            "neighborhood",
            "The Neighborhood cell has leading or trailing whitespace; published names never do, and a padded "
                    + "name would not join with the reference tables."),
    NEIGHBORHOOD_NOT_PRINTABLE(
            Stage.VALIDATION,
            "neighborhood",
            "The Neighborhood cell holds a control, format, private-use, unassigned or line/paragraph-separator "
                    + "character, or U+FFFD (text decoded with the wrong encoding). Letters of any script are fine."),
    NEIGHBORHOOD_TOO_LONG(
            Stage.VALIDATION,
            "neighborhood",
            "The Neighborhood cell is longer than --max-neighborhood-length characters (default 128; the longest "
                    + "published name has 25)."),

    ID_EMPTY(Stage.VALIDATION, "id", "The Id cell is empty."),
    ID_PADDED(Stage.VALIDATION, "id", "The Id cell has leading or trailing whitespace."),
    ID_NOT_A_POSITIVE_INTEGER(
            Stage.VALIDATION,
            "id",
            "The Id cell is not a positive whole number in plain digits (zero, negative, a fraction such as "
                    + "3.0, letters)."),
    ID_NOT_CANONICAL(
            Stage.VALIDATION,
            "id",
            "The Id is a positive integer written with leading zeros or a '+' sign (007, +7). The Id text is the "
                    + "record key, so one Id must have one spelling."),
    ID_OUT_OF_RANGE(Stage.VALIDATION, "id", "The Id is larger than 2147483647, the contract's int."),

    ESTIMATE_MISSING(Stage.VALIDATION, "estimate", "The Estimate cell is empty."),
    ESTIMATE_PADDED(Stage.VALIDATION, "estimate", "The Estimate cell has leading or trailing whitespace."),
    ESTIMATE_NO_SAMPLE(
            Stage.VALIDATION,
            "estimate",
            "ACS '-': no or too few sample observations were available to compute an estimate."),
    ESTIMATE_SUPPRESSED(
            Stage.VALIDATION,
            "estimate",
            "ACS 'N': the estimate cannot be displayed because the number of sample cases is too small."),
    ESTIMATE_NOT_APPLICABLE(
            Stage.VALIDATION, "estimate", "ACS '(X)': the estimate is not applicable or not available."),
    ESTIMATE_NOT_A_NUMBER(
            Stage.VALIDATION,
            "estimate",
            "The Estimate is not a plain decimal number: letters, NaN, Infinity, exponent form (1e3), hex (0x10), "
                    + "thousands separators (1,411), a '+' sign, an open-ended median (250000+), or a "
                    + "margin-of-error annotation such as '**'."),
    ESTIMATE_NOT_WHOLE(
            Stage.VALIDATION,
            "estimate",
            "The Estimate has a non-zero fractional part. A population is a count; 2558.0 is accepted as 2558."),
    ESTIMATE_NEGATIVE(Stage.VALIDATION, "estimate", "The Estimate has a minus sign (including -0)."),
    ESTIMATE_OUT_OF_RANGE(
            Stage.VALIDATION, "estimate", "The Estimate is above 10,000,000,000, more people than live on Earth."),

    MOE_MISSING(Stage.VALIDATION, "margin_of_error", "The Margin of Error cell is empty."),
    MOE_PADDED(Stage.VALIDATION, "margin_of_error", "The Margin of Error cell has leading or trailing whitespace."),
    MOE_NOT_A_NUMBER(
            Stage.VALIDATION,
            "margin_of_error",
            "The Margin of Error is neither a plain non-negative decimal number nor one of the ACS annotations "
                    + "**, ***, *****, N, (X) (for example NaN, 1e3, '-', which is an estimate annotation, or '****')."),
    MOE_NEGATIVE(Stage.VALIDATION, "margin_of_error", "The Margin of Error has a minus sign."),
    MOE_OUT_OF_RANGE(Stage.VALIDATION, "margin_of_error", "The Margin of Error is above 10,000,000,000."),

    PARTITION_MISMATCH(
            Stage.DEDUPLICATION,
            "key",
            "The row arrived on another partition than Kafka's default partitioner gives its key (murmur2 of the "
                    + "Id text): its producer partitions differently (librdkafka's default, a custom partitioner). "
                    + "Re-sends are recognised per partition, so the row is refused; replaying it with dlq replay "
                    + "(Kafka's partitioner) is accepted."),
    CONFLICTING_RESEND(
            Stage.DEDUPLICATION,
            "id",
            "A valid row whose Id was already accepted with a different neighborhood, estimate or margin of error. "
                    + "The first accepted row stands; fix the source and replay if this one is right.");

    private final Stage stage;
    private final String field;
    private final String meaning;

    ErrorCode(Stage stage, String field, String meaning) {
        this.stage = stage;
        this.field = field;
        this.meaning = meaning;
    }

    public Stage stage() {
        return stage;
    }

    /** The RawPopulationRow field (or {@code key}, {@code value}, {@code row}) the rule looks at. */
    public String field() {
        return field;
    }

    /** What the code means, for people: README, {@code dlq stats}, {@code dlq show}. */
    public String meaning() {
        return meaning;
    }
}
