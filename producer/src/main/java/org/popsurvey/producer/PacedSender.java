package org.popsurvey.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.popsurvey.schemas.RawPopulationRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends lines in batches. With a pause ({@code interval > 0}) every record of a batch is sent, the
 * batch is flushed and each acknowledgement checked, and only then does the next batch start, one
 * batch per interval measured start to start (a slow acknowledgement shortens the pause, never
 * lengthens the cadence). With no pause, batches go back to back without waiting for each other,
 * and acknowledgements are checked in order as they arrive, so throughput is the client's own.
 * Either way every acknowledgement is checked before the run ends, and the first record that
 * cannot be delivered stops the run with its line.
 *
 * <p>No wait is unbounded: {@code delivery.timeout.ms} promises an answer for every record, but
 * the idempotent producer stops expiring batches while it waits to re-initialise its producer id
 * from a broker that is gone, so {@code flush()} can block forever. Each acknowledgement is
 * therefore awaited only until its delivery deadline plus a grace period.
 */
final class PacedSender {

    private static final Logger log = LoggerFactory.getLogger(PacedSender.class);
    private static final long UNPACED_PROGRESS_NANOS = Duration.ofSeconds(2).toNanos();
    /** Beyond the delivery timeout, time for the client to report the expiry itself. */
    static final Duration ACKNOWLEDGEMENT_GRACE = Duration.ofSeconds(10);

    private record Pending(CsvLine line, Future<RecordMetadata> ack, long deadlineNanos) {}

    private final Producer<String, RawPopulationRow> producer;
    private final String topic;
    private final int batchSize;
    private final Duration interval;
    private final long ackTimeoutNanos;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long acknowledged;

    /** @param deliveryTimeout the producer's {@code delivery.timeout.ms} */
    PacedSender(
            Producer<String, RawPopulationRow> producer,
            String topic,
            int batchSize,
            Duration interval,
            Duration deliveryTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.batchSize = batchSize;
        this.interval = interval;
        this.ackTimeoutNanos = deliveryTimeout.plus(ACKNOWLEDGEMENT_GRACE).toNanos();
    }

    ProduceSummary run(PopulationCsvReader lines, RawRowMapper mapper, long totalRecords, String runId)
            throws InterruptedException {
        boolean paced = !interval.isZero();
        int totalBatches = (int) ((totalRecords + batchSize - 1) / batchSize);
        long started = System.nanoTime();
        long lastProgress = started;
        long read = 0;
        int batch = 0;
        while (lines.hasNext()) {
            batch++;
            long batchStarted = System.nanoTime();
            long firstLine = -1;
            long lastLine = -1;
            for (int inBatch = 0; inBatch < batchSize && lines.hasNext(); inBatch++) {
                CsvLine line = lines.next();
                read++;
                send(line, mapper.toRow(line, batch, Instant.now()));
                firstLine = firstLine < 0 ? line.lineNumber() : firstLine;
                lastLine = line.lineNumber();
            }
            if (paced) {
                checkAcknowledgements(true);
            } else {
                checkAcknowledgements(false);
            }
            long now = System.nanoTime();
            if (paced || now - lastProgress >= UNPACED_PROGRESS_NANOS) {
                lastProgress = now;
                log.info(
                        "batch {}/{}: lines {}-{} sent, {}/{} rows acknowledged on {}, {} rows/s",
                        batch,
                        totalBatches,
                        firstLine,
                        lastLine,
                        acknowledged,
                        totalRecords,
                        topic,
                        String.format("%.0f", acknowledged / Math.max((now - started) / 1e9, 1e-9)));
            }
            if (paced && lines.hasNext()) {
                pauseUntil(batchStarted + interval.toNanos());
            }
        }
        checkAcknowledgements(true);
        return new ProduceSummary(
                runId, read, lines.blankLines(), acknowledged, batch, Duration.ofNanos(System.nanoTime() - started));
    }

    private void send(CsvLine line, RawPopulationRow row) throws InterruptedException {
        Future<RecordMetadata> ack;
        try {
            ack = producer.send(new ProducerRecord<>(topic, RawRowMapper.keyOf(line), row));
        } catch (KafkaException e) {
            throw failure(line, e);
        }
        // send() reports some failures in the future it returns instead of throwing, after blocking
        // up to max.block.ms: with the broker gone, a client that has re-bootstrapped its metadata
        // waits that long for the topic on every record. Checked now, so the run fails at once
        // instead of blocking a whole batch of records long.
        if (ack.isDone()) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                checkAcknowledgements(false); // the count in the message: rows confirmed before this one
                throw failure(line, e.getCause());
            }
        }
        pending.add(new Pending(line, ack, System.nanoTime() + ackTimeoutNanos));
    }

    /**
     * Checks acknowledgements oldest first: all of them, or only those already answered. Waiting for
     * all of them needs no flush: the batches are already on their way, at most linger.ms behind.
     */
    private void checkAcknowledgements(boolean waitForAll) throws InterruptedException {
        while (!pending.isEmpty() && (waitForAll || pending.peek().ack().isDone())) {
            Pending next = pending.poll();
            try {
                next.ack().get(Math.max(0, next.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                throw failure(next.line(), e.getCause());
            } catch (TimeoutException e) {
                throw failure(
                        next.line(),
                        new TimeoutException("no acknowledgement within the delivery timeout plus "
                                + ACKNOWLEDGEMENT_GRACE.toSeconds() + " s"));
            }
        }
    }

    private DeliveryFailedException failure(CsvLine line, Throwable cause) {
        return new DeliveryFailedException(
                String.format(
                        "Could not deliver line %d to topic %s (%d row(s) acknowledged before it; rows after it "
                                + "were not confirmed). Check that the broker is reachable, then run the same command "
                                + "again: identical re-sends are absorbed by the validator",
                        line.lineNumber(), topic, acknowledged),
                acknowledged,
                cause);
    }

    private static void pauseUntil(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }
}
