package org.popsurvey.enricher.decode;

import org.apache.spark.sql.Row;
import org.popsurvey.serde.PoisonPillException;

/**
 * A Kafka row of the clean topic ({@link CleanRecordDecoder#KAFKA_COLUMNS}) with the neighborhood
 * Id read from its value, or the reason the value does not decode ({@code id} is then null).
 * Reading the Id alone parses the whole value (so a malformed one is caught here) but builds
 * nothing else: the full decode is left to the records that are not superseded.
 */
record PeekedRecord(Row kafka, Integer id, PoisonPillException error) {

    // Positions of CleanRecordDecoder.KAFKA_COLUMNS.
    static final int KEY = 0;
    static final int VALUE = 1;
    static final int TOPIC = 2;
    static final int PARTITION = 3;
    static final int OFFSET = 4;
    static final int TIMESTAMP = 5;

    int partition() {
        return kafka.getInt(PARTITION);
    }

    long offset() {
        return kafka.getLong(OFFSET);
    }
}
