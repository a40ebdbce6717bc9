package org.popsurvey.enricher.decode;

import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.popsurvey.enricher.latest.LatestWins;
import org.popsurvey.serde.PoisonPillException;

/**
 * A Kafka row of the clean topic ({@link CleanRecordDecoder#KAFKA_COLUMNS}) with the neighborhood
 * Id read from its value, or the reason the value does not decode ({@code id} is then null).
 * Reading the Id alone parses the whole value (so a malformed one is caught here) but builds
 * nothing else: the full decode is left to the records that are not superseded.
 */
record PeekedRecord(Row kafka, Integer id, PoisonPillException error) implements LatestWins.Version {

    // Positions in the Kafka rows, from the order CleanRecordDecoder.KAFKA_COLUMNS declares.
    static final int KEY = position("key");
    static final int VALUE = position("value");
    static final int TOPIC = position("topic");
    static final int PARTITION = position("partition");
    static final int OFFSET = position("offset");
    static final int TIMESTAMP = position("timestamp");

    @Override
    public int partition() {
        return kafka.getInt(PARTITION);
    }

    @Override
    public long offset() {
        return kafka.getLong(OFFSET);
    }

    private static int position(String column) {
        int position = Arrays.asList(CleanRecordDecoder.KAFKA_COLUMNS).indexOf(column);
        if (position < 0) {
            throw new IllegalStateException("no Kafka column " + column + " in CleanRecordDecoder.KAFKA_COLUMNS");
        }
        return position;
    }
}
