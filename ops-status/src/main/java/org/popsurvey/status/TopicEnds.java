package org.popsurvey.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.SortedMap;

/**
 * A topic's partitions with their first and end offsets ({@code end} is the offset the next record
 * gets). {@code records} is end minus start summed: exact for a plain topic, an upper bound for a
 * compacted one, and it counts transaction markers.
 */
public record TopicEnds(String topic, SortedMap<Integer, Long> start, SortedMap<Integer, Long> end) {

    @JsonProperty
    public long records() {
        long records = 0;
        for (Map.Entry<Integer, Long> partition : end.entrySet()) {
            records += partition.getValue() - start.getOrDefault(partition.getKey(), 0L);
        }
        return records;
    }

    public long endTotal() {
        return end.values().stream().mapToLong(Long::longValue).sum();
    }
}
