package org.popsurvey.enricher.latest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Latest version per Id across tasks, as the driver merges the tasks' partial results. */
class BatchVersionsTest {

    @Test
    void theHighestOffsetOfEachIdWinsAcrossTasksAndUndecodableValuesAreCounted() {
        BatchVersions task0 =
                new BatchVersions().add(row(7, 0, 10)).add(row(3, 0, 11)).add(undecodable(0, 12));
        // A producer that ignored the key put versions of Id 7 in partition 1 too.
        BatchVersions task1 =
                new BatchVersions().add(row(7, 1, 40)).add(row(-2, 1, 5)).add(row(7, 1, 8));
        BatchVersions batch = task0.merge(task1);

        assertThat(batch.undecodable()).isEqualTo(1);
        LatestVersions latest = batch.latest();
        assertThat(latest.ids()).containsExactly(-2, 3, 7);
        assertThat(latest.isLatest(7, 40, 1)).isTrue();
        assertThat(latest.isLatest(7, 10, 0)).isFalse();
        assertThat(latest.isLatest(7, 8, 1)).isFalse();
        assertThat(latest.isLatest(3, 11, 0)).isTrue();
        assertThat(latest.isLatest(-2, 5, 1)).isTrue();
        assertThat(latest.isLatest(4, 11, 0)).as("an Id not in the batch").isFalse();
    }

    @Test
    void onEqualOffsetsTheHigherPartitionWins() {
        LatestVersions latest =
                new BatchVersions().add(row(5, 1, 9)).add(row(5, 0, 9)).latest();
        assertThat(latest.isLatest(5, 9, 1)).isTrue();
        assertThat(latest.isLatest(5, 9, 0)).isFalse();
    }

    @Test
    void growsPastItsInitialCapacity() {
        BatchVersions versions = new BatchVersions();
        for (int id = 1000; id > 0; id--) {
            versions.add(row(id, 0, 2_000 - id));
        }
        LatestVersions latest = versions.latest();
        assertThat(latest.ids()).hasSize(1000).startsWith(1, 2, 3).endsWith(1000);
        assertThat(latest.isLatest(1, 1_999, 0)).isTrue();
    }

    /** The projection BatchVersions reads: Id, partition, offset, decode error. */
    private static GenericInternalRow row(int id, int partition, long offset) {
        return new GenericInternalRow(new Object[] {id, partition, offset, null});
    }

    private static GenericInternalRow undecodable(int partition, long offset) {
        return new GenericInternalRow(
                new Object[] {null, partition, offset, UTF8String.fromString("NOT_CONFLUENT_FRAMED")});
    }
}
