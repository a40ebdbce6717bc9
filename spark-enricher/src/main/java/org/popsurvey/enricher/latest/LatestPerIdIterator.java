package org.popsurvey.enricher.latest;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.NoSuchElementException;

/**
 * Drops, inside one task, the records that a later record ({@link LatestWins}) of the same
 * neighborhood Id already supersedes, before they are decoded, cached or shuffled: a backfill holds every version of
 * every Id (ten per Id in the benchmark), and only the latest of each reaches the output.
 *
 * <p>This is a partial aggregation, like Spark's map-side combine, not the rule itself: the batch
 * still picks each Id's latest record across tasks ({@link BatchVersions}, {@link LatestRecordFilter}), so a record passed on
 * here and superseded in another task (or after it left this task) is still dropped there. That
 * is what keeps memory bounded: at most {@code capacity} records are held; beyond that the
 * least recently updated one is passed on early. Undecodable records are passed on at once: each is
 * kept in {@code rejected/}, and none supersedes a decodable version.
 *
 * @param <T> a record read for its Id and version (null Id: undecodable)
 */
public final class LatestPerIdIterator<T extends LatestWins.Version> implements Iterator<T> {

    private final Iterator<T> decoded;
    private final int capacity;
    private final ArrayDeque<T> ready = new ArrayDeque<>();
    // Access order: an Id that keeps getting new versions stays; a quiet one is passed on first.
    private final LinkedHashMap<Integer, T> latest = new LinkedHashMap<>(1024, 0.75f, true);
    private Iterator<T> remaining;

    public LatestPerIdIterator(Iterator<T> decoded, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.decoded = decoded;
        this.capacity = capacity;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && decoded.hasNext()) {
            accept(decoded.next());
        }
        if (!ready.isEmpty()) {
            return true;
        }
        if (remaining == null) {
            remaining = latest.values().iterator();
        }
        return remaining.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.isEmpty() ? remaining.next() : ready.poll();
    }

    private void accept(T row) {
        if (row.id() == null) {
            ready.add(row); // undecodable: no Id, always kept
            return;
        }
        Integer id = row.id();
        T held = latest.get(id);
        if (held == null) {
            latest.put(id, row);
            if (latest.size() > capacity) {
                Iterator<T> eldest = latest.values().iterator();
                ready.add(eldest.next());
                eldest.remove();
            }
        } else if (LatestWins.isLater(row, held)) {
            latest.put(id, row);
        }
    }
}
