package org.popsurvey.enricher.latest;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * What the driver learns about a micro-batch in one pass over its decoded records: how many did
 * not decode, and the version ({@link LatestWins#order}) of every decodable record by Id, 12
 * bytes each. The decoder already dropped the versions a later record of the same task
 * supersedes, so this is about one entry per Id in the batch.
 *
 * <p>One Spark job (which also fills the batch's cache) instead of three: a count of undecodable
 * values, a distinct of the touched buckets and a latest-per-Id aggregate, each with its own
 * scheduling and planning.
 */
public final class BatchVersions implements Serializable {

    private static final long serialVersionUID = 1L;
    // Positions in the projection of of(): Id, partition, offset, decode error. Spark's internal rows
    // (see of()): one job over every record of the batch.
    private static final int ID = 0;
    private static final int PARTITION = 1;
    private static final int OFFSET = 2;
    private static final int ERROR = 3;

    private long undecodable;
    private int size;
    private int[] ids = new int[16];
    private long[] orders = new long[16];

    /** Runs the one job over {@code decoded}, which has {@code columns}. */
    public static BatchVersions of(Dataset<Row> decoded, LatestWins.Columns columns) {
        Dataset<Row> narrow = decoded.select(
                col(columns.id()), col(columns.partition()), col(columns.offset()), col(columns.decodeError()));
        // Spark's internal rows: no Row object per record.
        return narrow.queryExecution()
                .toRdd()
                .toJavaRDD()
                .aggregate(new BatchVersions(), BatchVersions::add, BatchVersions::merge);
    }

    BatchVersions add(InternalRow row) {
        if (!row.isNullAt(ERROR)) {
            undecodable++;
            return this;
        }
        append(row.getInt(ID), LatestWins.order(row.getLong(OFFSET), row.getInt(PARTITION)));
        return this;
    }

    BatchVersions merge(BatchVersions other) {
        undecodable += other.undecodable;
        for (int i = 0; i < other.size; i++) {
            append(other.ids[i], other.orders[i]);
        }
        return this;
    }

    public long undecodable() {
        return undecodable;
    }

    /** The highest version of each Id. */
    public LatestVersions latest() {
        // Sort entry positions by Id: the Id in the high half, the position in the low half.
        long[] byId = new long[size];
        for (int i = 0; i < size; i++) {
            byId[i] = ((long) ids[i] << 32) | i;
        }
        Arrays.sort(byId);
        int[] latestIds = new int[size];
        long[] latestOrders = new long[size];
        int distinct = 0;
        for (long entry : byId) {
            int position = (int) entry;
            int id = ids[position];
            if (distinct > 0 && latestIds[distinct - 1] == id) {
                latestOrders[distinct - 1] = Math.max(latestOrders[distinct - 1], orders[position]);
            } else {
                latestIds[distinct] = id;
                latestOrders[distinct] = orders[position];
                distinct++;
            }
        }
        return new LatestVersions(Arrays.copyOf(latestIds, distinct), Arrays.copyOf(latestOrders, distinct));
    }

    private void append(int id, long order) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            orders = Arrays.copyOf(orders, size * 2);
        }
        ids[size] = id;
        orders[size] = order;
        size++;
    }
}
