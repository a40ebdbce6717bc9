package org.popsurvey.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.popsurvey.schemas.RawPopulationRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends lines in batches: every record of a batch is sent, the batch is flushed and each
 * acknowledgement checked, and only then does the next batch start, at a fixed rate of one batch
 * per interval (measured start to start, so a slow acknowledgement shortens the pause, never
 * lengthens the cadence). The first record that cannot be delivered stops the run with its line.
 */
final class PacedSender {

    private static final Logger log = LoggerFactory.getLogger(PacedSender.class);

    private final Producer<String, RawPopulationRow> producer;
    private final String topic;
    private final int batchSize;
    private final Duration interval;

    PacedSender(Producer<String, RawPopulationRow> producer, String topic, int batchSize, Duration interval) {
        this.producer = producer;
        this.topic = topic;
        this.batchSize = batchSize;
        this.interval = interval;
    }

    ProduceSummary run(PopulationCsvReader lines, RawRowMapper mapper, long totalRecords, String runId)
            throws InterruptedException {
        int totalBatches = (int) ((totalRecords + batchSize - 1) / batchSize);
        long started = System.nanoTime();
        long read = 0;
        long acknowledged = 0;
        int batch = 0;
        while (lines.hasNext()) {
            batch++;
            long batchStarted = System.nanoTime();
            List<CsvLine> sent = new ArrayList<>(batchSize);
            List<Future<RecordMetadata>> acks = new ArrayList<>(batchSize);
            while (sent.size() < batchSize && lines.hasNext()) {
                CsvLine line = lines.next();
                read++;
                RawPopulationRow row = mapper.toRow(line, batch, Instant.now());
                try {
                    acks.add(producer.send(new ProducerRecord<>(topic, RawRowMapper.keyOf(line), row)));
                } catch (KafkaException e) {
                    throw failure(line, acknowledged, e);
                }
                sent.add(line);
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get();
                    acknowledged++;
                } catch (ExecutionException e) {
                    throw failure(sent.get(i), acknowledged, e.getCause());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("batch {}/{}: {} rows acknowledged on {} (lines {}-{}), {}/{} rows, {} rows/s",
                    batch, totalBatches, sent.size(), topic, sent.get(0).lineNumber(),
                    sent.get(sent.size() - 1).lineNumber(), acknowledged, totalRecords,
                    String.format("%.0f", acknowledged / Math.max(seconds, 1e-9)));
            if (lines.hasNext()) {
                pauseUntil(batchStarted + interval.toNanos());
            }
        }
        return new ProduceSummary(runId, read, lines.blankLines(), acknowledged, batch,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private DeliveryFailedException failure(CsvLine line, long acknowledged, Throwable cause) {
        return new DeliveryFailedException(String.format(
                "Could not deliver line %d to topic %s (%d row(s) acknowledged before it; rows after it "
                        + "were not confirmed). Check that the broker is reachable, then run the same command "
                        + "again: identical re-sends are absorbed by the validator",
                line.lineNumber(), topic, acknowledged), acknowledged, cause);
    }

    private static void pauseUntil(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }
}
