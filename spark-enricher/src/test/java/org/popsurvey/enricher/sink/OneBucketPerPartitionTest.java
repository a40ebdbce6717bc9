package org.popsurvey.enricher.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.Test;

class OneBucketPerPartitionTest {

    // 4 buckets; this batch touched buckets 1 and 3: partition 0 stands for bucket 1, partition 1 for 3.
    private final OneBucketPerPartition check = new OneBucketPerPartition(1, 4, List.of(1, 3));

    @Test
    void rowsOfThePartitionsBucketPassThroughUnchanged() throws Exception {
        List<InternalRow> passed = drain(check.call(1, rows(3, 7, -1).iterator()));
        assertThat(passed).extracting(row -> row.getInt(1)).containsExactly(3, 7, -1);
    }

    @Test
    void aRowOfAnotherBucketFailsTheTaskNamingIt() {
        Iterator<InternalRow> rows = check.call(0, rows(5, 2).iterator());
        assertThat(rows.next().getInt(1)).isEqualTo(5);
        assertThatThrownBy(rows::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Id 2 (bucket 2) reached the write task of bucket 1 (partition 0)");
    }

    private static List<InternalRow> rows(int... ids) {
        List<InternalRow> rows = new ArrayList<>();
        for (int id : ids) {
            rows.add(new GenericInternalRow(new Object[] {"x", id}));
        }
        return rows;
    }

    private static List<InternalRow> drain(Iterator<InternalRow> rows) {
        List<InternalRow> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        return all;
    }
}
