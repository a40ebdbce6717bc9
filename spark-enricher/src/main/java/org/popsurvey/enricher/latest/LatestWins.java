package org.popsurvey.enricher.latest;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

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
 * it); and across batches ({@link #replaceStored}, the sink's merge into the published buckets).
 */
public final class LatestWins {

    private static final String REPLACED_ID = "_replaced_id";

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
     * Across batches: the {@code stored} rows of Ids the batch does not bring, plus every
     * {@code incoming} row (one per Id, the batch's latest). The stored rows to drop are found with
     * the narrow {@code incomingIds}, so {@code incoming} is computed once.
     */
    public static Dataset<Row> replaceStored(
            Dataset<Row> stored, String idColumn, int[] incomingIds, Dataset<Row> incoming) {
        Dataset<Row> replaced = stored.sparkSession()
                .createDataset(Arrays.stream(incomingIds).boxed().toList(), Encoders.INT())
                .toDF(REPLACED_ID);
        return stored.join(replaced, stored.col(idColumn).equalTo(replaced.col(REPLACED_ID)), "left_anti")
                .unionByName(incoming);
    }

    /** Where a batch's decoded rows hold what the rule reads. */
    public record Columns(String id, String partition, String offset, String decodeError) {}
}
