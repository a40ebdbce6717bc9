package org.popsurvey.enricher.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class LatestPerIdIteratorTest {

    @Test
    void onlyTheHighestOffsetOfEachIdIsPassedOnAndUndecodableRecordsAlways() {
        List<Row> rows = drain(new LatestPerIdIterator(List.of(
                valid(1, 0, 10, 100), valid(2, 0, 11, 200), undecodable(0, 12), valid(1, 0, 13, 101),
                valid(1, 0, 9, 99), undecodable(0, 14), valid(2, 0, 15, 201)).iterator(), 100));
        assertThat(rows).extracting(LatestPerIdIteratorTest::describe).containsExactlyInAnyOrder(
                "undecodable@12", "undecodable@14", "1@13=101", "2@15=201");
    }

    @Test
    void onEqualOffsetsTheHigherPartitionWins() {
        List<Row> rows = drain(new LatestPerIdIterator(List.of(valid(3, 1, 5, 30), valid(3, 0, 5, 31)).iterator(), 10));
        assertThat(rows).extracting(LatestPerIdIteratorTest::describe).containsExactly("3@5=30");
    }

    @Test
    void beyondItsCapacityItPassesRecordsOnEarlyAndKeepsNoMore() {
        // Capacity 2: Id 1 is passed on when Id 3 arrives; its later version is passed on too.
        // The batch's own rule (the latest per Id across tasks) then keeps 1@13.
        Iterator<Row> input = List.of(valid(1, 0, 10, 100), valid(2, 0, 11, 200), valid(3, 0, 12, 300),
                valid(1, 0, 13, 101)).iterator();
        LatestPerIdIterator latest = new LatestPerIdIterator(input, 2);
        assertThat(latest.hasNext()).isTrue();
        assertThat(describe(latest.next())).isEqualTo("1@10=100");
        assertThat(drain(latest)).extracting(LatestPerIdIteratorTest::describe)
                .containsExactlyInAnyOrder("2@11=200", "3@12=300", "1@13=101");
    }

    private static List<Row> drain(Iterator<Row> rows) {
        List<Row> result = new ArrayList<>();
        rows.forEachRemaining(result::add);
        return result;
    }

    private static String describe(Row row) {
        int offset = (int) row.getLong(DecodedRecord.SCHEMA.fieldIndex(DecodedRecord.KAFKA_OFFSET));
        if (row.isNullAt(0)) {
            return "undecodable@" + offset;
        }
        return row.getInt(0) + "@" + offset + "=" + row.getLong(DecodedRecord.SCHEMA.fieldIndex(DecodedRecord.POPULATION));
    }

    /** A decoded row in DecodedRecord.SCHEMA order, as the decoder builds it. */
    private static Row valid(int id, int partition, long offset, long population) {
        return RowFactory.create(id, "N" + id, population, 1.0, "MEASURED", "total-population.csv", 2L, 1, "run",
                null, "population.clean", partition, offset, null, Integer.toString(id), 1, null, null);
    }

    private static Row undecodable(int partition, long offset) {
        return RowFactory.create(null, null, null, null, null, null, null, null, null, null, "population.clean",
                partition, offset, null, "9", null, "NOT_CONFLUENT_FRAMED", new byte[] {1});
    }
}
