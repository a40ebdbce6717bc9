package org.popsurvey.validator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The raw source's timestamp extractor. Kafka Streams' default fails the app on a negative
 * timestamp (a record written by an old client or a hand-made batch), and its alternatives skip
 * the record or fail when no partition time is known yet: either breaks "every record ends
 * somewhere". Here an invalid timestamp becomes the partition's time so far, or 0; the validator
 * never orders by time, and the dead letter or clean record keeps the raw value and headers.
 */
final class ValidTimestamps implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        if (timestamp >= 0) {
            return timestamp;
        }
        return Math.max(partitionTime, 0);
    }
}
