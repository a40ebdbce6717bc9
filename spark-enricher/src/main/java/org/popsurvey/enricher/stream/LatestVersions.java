package org.popsurvey.enricher.stream;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The latest version of each neighborhood Id in a micro-batch, broadcast to the tasks that pick
 * the records to enrich. Latest wins by arrival: the clean topic is keyed by Id, so every version
 * of a neighborhood is in one partition and the highest offset is the latest; the partition is
 * only a deterministic tie-break for a producer that ignored the key.
 */
final class LatestVersions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] ids;
    private final long[] orders;

    /** @param ids sorted, distinct; {@code orders[i]} is the latest version of {@code ids[i]} */
    LatestVersions(int[] ids, long[] orders) {
        this.ids = ids;
        this.orders = orders;
    }

    /** A record's version: offset first, then partition (exact for offsets below 2^43, partitions below 2^20). */
    static long order(long offset, int partition) {
        return offset * (1L << 20) + partition;
    }

    boolean isLatest(int id, long offset, int partition) {
        int slot = Arrays.binarySearch(ids, id);
        return slot >= 0 && orders[slot] == order(offset, partition);
    }

    /** The batch's Ids, sorted. */
    int[] ids() {
        return ids.clone();
    }
}
