package org.popsurvey.enricher.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.popsurvey.enricher.latest.LatestPerIdIterator;
import org.popsurvey.serde.PoisonPillException;

class LatestPerIdIteratorTest {

    @Test
    void onlyTheHighestOffsetOfEachIdIsPassedOnAndUndecodableRecordsAlways() {
        List<PeekedRecord> rows = drain(new LatestPerIdIterator<>(
                List.of(
                                valid(1, 0, 10, 100),
                                valid(2, 0, 11, 200),
                                undecodable(0, 12),
                                valid(1, 0, 13, 101),
                                valid(1, 0, 9, 99),
                                undecodable(0, 14),
                                valid(2, 0, 15, 201))
                        .iterator(),
                100));
        assertThat(rows)
                .extracting(LatestPerIdIteratorTest::describe)
                .containsExactlyInAnyOrder("undecodable@12", "undecodable@14", "1@13=101", "2@15=201");
    }

    @Test
    void onEqualOffsetsTheHigherPartitionWins() {
        List<PeekedRecord> rows = drain(new LatestPerIdIterator<>(
                List.of(valid(3, 1, 5, 30), valid(3, 0, 5, 31)).iterator(), 10));
        assertThat(rows).extracting(LatestPerIdIteratorTest::describe).containsExactly("3@5=30");
    }

    @Test
    void beyondItsCapacityItPassesRecordsOnEarlyAndKeepsNoMore() {
        // Capacity 2: Id 1 is passed on when Id 3 arrives; its later version is passed on too.
        // The batch's own rule (the latest per Id across tasks) then keeps 1@13.
        Iterator<PeekedRecord> input = List.of(
                        valid(1, 0, 10, 100), valid(2, 0, 11, 200), valid(3, 0, 12, 300), valid(1, 0, 13, 101))
                .iterator();
        LatestPerIdIterator<PeekedRecord> latest = new LatestPerIdIterator<>(input, 2);
        assertThat(latest.hasNext()).isTrue();
        assertThat(describe(latest.next())).isEqualTo("1@10=100");
        assertThat(drain(latest))
                .extracting(LatestPerIdIteratorTest::describe)
                .containsExactlyInAnyOrder("2@11=200", "3@12=300", "1@13=101");
    }

    private static List<PeekedRecord> drain(Iterator<PeekedRecord> rows) {
        List<PeekedRecord> result = new ArrayList<>();
        rows.forEachRemaining(result::add);
        return result;
    }

    private static String describe(PeekedRecord record) {
        if (record.id() == null) {
            return "undecodable@" + record.offset();
        }
        return record.id() + "@" + record.offset() + "="
                + new String((byte[]) record.kafka().get(PeekedRecord.VALUE), StandardCharsets.UTF_8);
    }

    /** A record whose Id was read; its value stands for the version (the population). */
    private static PeekedRecord valid(int id, int partition, long offset, long population) {
        return new PeekedRecord(kafka(id, partition, offset, Long.toString(population)), id, null);
    }

    private static PeekedRecord undecodable(int partition, long offset) {
        return new PeekedRecord(
                kafka(9, partition, offset, "garbage"),
                null,
                new PoisonPillException(PoisonPillException.Reason.NOT_CONFLUENT_FRAMED, -1, "no magic byte"));
    }

    /** A row of CleanRecordDecoder.KAFKA_COLUMNS. */
    private static Row kafka(int key, int partition, long offset, String value) {
        return RowFactory.create(
                Integer.toString(key).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8),
                "population.clean",
                partition,
                offset,
                null);
    }
}
