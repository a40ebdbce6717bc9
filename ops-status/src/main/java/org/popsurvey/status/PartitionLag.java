package org.popsurvey.status;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far a reader is behind one partition: {@code position} is the next offset it will read
 * (a committed offset, or a checkpoint's end offset), {@code end} the partition's read_committed
 * end offset. Transaction markers take offsets too; Kafka Streams and Spark both record positions
 * past them, so a reader that has everything shows lag 0.
 */
public record PartitionLag(int partition, Long position, long end) {

    /** Records not read yet; the whole partition when nothing was committed. */
    @JsonProperty
    public long lag() {
        return Math.max(0, end - (position == null ? 0 : position));
    }
}
