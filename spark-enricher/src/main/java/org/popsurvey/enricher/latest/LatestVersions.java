package org.popsurvey.enricher.latest;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The latest version ({@link LatestWins}) of each neighborhood Id in a micro-batch, broadcast to
 * the tasks that pick the records to enrich. The clean topic is keyed by Id, so every version of a
 * neighborhood is in one partition and the highest offset is the latest; the partition is only a
 * deterministic tie-break for a producer that ignored the key.
 */
public final class LatestVersions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] ids;
    private final long[] orders;

    /** @param ids sorted, distinct; {@code orders[i]} is the latest version of {@code ids[i]} */
    LatestVersions(int[] ids, long[] orders) {
        this.ids = ids;
        this.orders = orders;
    }

    boolean isLatest(int id, long offset, int partition) {
        int slot = Arrays.binarySearch(ids, id);
        return slot >= 0 && orders[slot] == LatestWins.order(offset, partition);
    }

    /** The batch's Ids, sorted. */
    public int[] ids() {
        return ids.clone();
    }
}
