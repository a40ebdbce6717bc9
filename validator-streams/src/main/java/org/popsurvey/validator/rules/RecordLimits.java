package org.popsurvey.validator.rules;

/**
 * Bounds on what one raw record may hold, checked before any rule looks at its content, so that
 * no record can make the validator allocate, copy or remember more than these allow. Each bound
 * has its own error code.
 *
 * @param maxValueBytes longest raw value, in bytes ({@code VALUE_TOO_LARGE}; {@code --max-value-bytes})
 * @param maxCells      most cells on a line ({@code TOO_MANY_CELLS}; {@code --max-cells})
 * @param maxCellLength longest cell, in characters ({@code CELL_TOO_LONG}; {@code --max-cell-length})
 */
public record RecordLimits(int maxValueBytes, int maxCells, int maxCellLength) {

    /** Kafka's default {@code max.message.bytes}: a valid row is a few hundred bytes. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1_048_576;
    /** The header has 4 cells; a line with a few extra (an unquoted comma) is still reported cell by cell. */
    public static final int DEFAULT_MAX_CELLS = 1_000;
    /** Far above any real cell (the longest published one has 25 characters). */
    public static final int DEFAULT_MAX_CELL_LENGTH = 10_000;
    /**
     * Total bytes of a raw record's headers ({@code HEADERS_TOO_LARGE}): a clean record carries them,
     * and must fit the clean topic whatever the raw record brought.
     */
    public static final int MAX_HEADER_BYTES = 65_536;
    /** Lineage: a path. Copied into every clean record and the accepted-Id memory ({@code LINEAGE_TOO_LONG}). */
    public static final int MAX_SOURCE_FILE_LENGTH = 4_096;
    /** Lineage: a run id (the producer writes a 36-character UUID). */
    public static final int MAX_RUN_ID_LENGTH = 256;

    public RecordLimits {
        if (maxValueBytes < 64 || maxCells < 4 || maxCellLength < 1) {
            throw new IllegalArgumentException("--max-value-bytes must be at least 64, --max-cells at least 4 and "
                    + "--max-cell-length at least 1; got " + maxValueBytes + ", " + maxCells + ", " + maxCellLength);
        }
    }

    public static RecordLimits defaults() {
        return new RecordLimits(DEFAULT_MAX_VALUE_BYTES, DEFAULT_MAX_CELLS, DEFAULT_MAX_CELL_LENGTH);
    }
}
