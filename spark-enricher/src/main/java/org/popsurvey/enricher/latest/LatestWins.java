package org.popsurvey.enricher.latest;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Latest wins: {@code neighborhoods/} holds one row per neighborhood Id, made from the latest
 * version of that Id the enricher has read. Within a micro-batch the latest version is the one with
 * the highest Kafka offset; on equal offsets (only a producer that ignored the key puts an Id in two
 * partitions) the higher partition wins. A value that does not decode is no version (it goes to
 * {@code rejected/}) and never replaces a decodable one. Across micro-batches, a later batch's row
 * replaces the published row of the same Id.
 *
 * <p>The rule is applied in three places, all in this package: within a task, before the full
 * decode ({@link LatestPerIdIterator}, a partial aggregation that bounds memory); across the batch's
 * tasks ({@link BatchVersions} finds each Id's latest version, {@link LatestRecordFilter} keeps only
 * it); and across batches ({@link #replaceStored}, the merge of a bucket's incoming rows into its
 * published file, in the sink's write task of that bucket).
 */
public final class LatestWins {

    private LatestWins() {}

    /** A version read from the clean topic, ordered by {@link #isLater}. */
    public interface Version {
        /** The neighborhood Id; null for a value that does not decode. */
        Integer id();

        long offset();

        int partition();
    }

    /** Whether {@code candidate} is a later version than {@code held}: offset first, then partition. */
    public static boolean isLater(Version candidate, Version held) {
        if (candidate.offset() != held.offset()) {
            return candidate.offset() > held.offset();
        }
        return candidate.partition() > held.partition();
    }

    /**
     * A version as one number ordered as {@link #isLater}: offset first, then partition (exact for
     * offsets below 2^43, partitions below 2^20).
     */
    static long order(long offset, int partition) {
        return offset * (1L << 20) + partition;
    }

    /**
     * Across batches, for one bucket file: every {@code incoming} row (one per Id, the batch's
     * latest), then the {@code stored} rows of Ids the batch does not bring. Both are streamed;
     * only the incoming Ids are held, and {@code stored} is opened once the incoming rows are done.
     */
    public static Iterator<InternalRow> replaceStored(
            Iterator<InternalRow> incoming, Supplier<Iterator<InternalRow>> stored, int idIndex) {
        return new Iterator<>() {
            private final Set<Integer> replaced = new HashSet<>();
            private Iterator<InternalRow> storedRows;
            private InternalRow next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (incoming.hasNext()) {
                    next = incoming.next();
                    replaced.add(next.getInt(idIndex));
                    return true;
                }
                if (storedRows == null) {
                    storedRows = stored.get();
                }
                while (storedRows.hasNext()) {
                    InternalRow row = storedRows.next();
                    if (!replaced.contains(row.getInt(idIndex))) {
                        next = row;
                        return true;
                    }
                }
                return false;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                InternalRow row = next;
                next = null;
                return row;
            }
        };
    }

    /** Where a batch's decoded rows hold what the rule reads. */
    public record Columns(String id, String partition, String offset, String decodeError) {}
}
