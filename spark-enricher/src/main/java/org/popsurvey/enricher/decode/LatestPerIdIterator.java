package org.popsurvey.enricher.decode;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.spark.sql.Row;

/**
 * Drops, inside one task, the decoded records that a later record of the same neighborhood Id
 * already supersedes, before anything is cached or shuffled: a backfill holds every version of
 * every Id (ten per Id in the benchmark), and only the latest of each reaches the output.
 *
 * <p>This is a partial aggregation, like Spark's map-side combine, not the rule itself: the batch
 * still picks each Id's latest record across tasks ({@code EnrichmentBatch}), so a record passed on
 * here and superseded in another task (or after it left this task) is still dropped there. That
 * is what keeps memory bounded: at most {@code capacity} records are held; beyond that the
 * least recently updated one is passed on early. Undecodable records are passed on at once: each is
 * kept in {@code rejected/}.
 *
 * <p>"Later" is the batch's own order: higher Kafka offset, then higher partition.
 */
final class LatestPerIdIterator implements Iterator<Row> {

    // Positions in DecodedRecord.SCHEMA: the decoder's rows carry no schema of their own.
    private static final int ID = DecodedRecord.SCHEMA.fieldIndex(DecodedRecord.NEIGHBORHOOD_ID);
    private static final int OFFSET = DecodedRecord.SCHEMA.fieldIndex(DecodedRecord.KAFKA_OFFSET);
    private static final int PARTITION = DecodedRecord.SCHEMA.fieldIndex(DecodedRecord.KAFKA_PARTITION);

    private final Iterator<Row> decoded;
    private final int capacity;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    // Access order: an Id that keeps getting new versions stays; a quiet one is passed on first.
    private final LinkedHashMap<Integer, Row> latest = new LinkedHashMap<>(1024, 0.75f, true);
    private Iterator<Row> remaining;

    LatestPerIdIterator(Iterator<Row> decoded, int capacity) {
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
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.isEmpty() ? remaining.next() : ready.poll();
    }

    private void accept(Row row) {
        if (row.isNullAt(ID)) {
            ready.add(row); // undecodable: no Id, always kept
            return;
        }
        Integer id = row.getInt(ID);
        Row held = latest.get(id);
        if (held == null) {
            latest.put(id, row);
            if (latest.size() > capacity) {
                Iterator<Row> eldest = latest.values().iterator();
                ready.add(eldest.next());
                eldest.remove();
            }
        } else if (isLater(row, held)) {
            latest.put(id, row);
        }
    }

    private static boolean isLater(Row candidate, Row held) {
        long offset = candidate.getLong(OFFSET);
        long heldOffset = held.getLong(OFFSET);
        if (offset != heldOffset) {
            return offset > heldOffset;
        }
        return candidate.getInt(PARTITION) > held.getInt(PARTITION);
    }
}
