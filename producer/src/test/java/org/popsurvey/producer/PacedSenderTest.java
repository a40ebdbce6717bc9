package org.popsurvey.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.schemas.RawPopulationRow;

/** The sending loop against Kafka's MockProducer: how failures that send() returns are reported. */
class PacedSenderTest {

    /**
     * KafkaProducer.send() does not throw when the topic's metadata cannot be had within
     * max.block.ms (a client re-bootstrapped while the broker is gone): it blocks that long, then
     * returns a failed future. Each such record costs max.block.ms, so the run must stop at the
     * first one rather than at the end of its batch.
     */
    @Test
    void aFailureReturnedBySendStopsTheRunAtThatLine(@TempDir Path dir) throws Exception {
        Path csv = TestFiles.population(dir, 50);
        FailingThirdSend producer = new FailingThirdSend();
        try (PopulationCsvReader lines = PopulationCsvReader.open(csv)) {
            PacedSender sender =
                    new PacedSender(producer, "population.raw.t", 20, Duration.ofMillis(10), Duration.ofSeconds(6));
            assertThatThrownBy(() -> sender.run(lines, new RawRowMapper(csv.toString(), "run-1"), 50, "run-1"))
                    .isInstanceOf(DeliveryFailedException.class)
                    .hasMessageStartingWith(
                            "Could not deliver line 4 to topic population.raw.t (2 row(s) " + "acknowledged before it")
                    .hasRootCauseMessage("Topic population.raw.t not present in metadata after 30000 ms.")
                    .satisfies(e -> assertThat(((DeliveryFailedException) e).acknowledged())
                            .isEqualTo(2));
        }
        assertThat(producer.history())
                .as("nothing is sent after the failed line")
                .hasSize(2);
    }

    /** Acknowledges every record at once, except the third, which fails the way KafkaProducer reports it. */
    private static final class FailingThirdSend extends MockProducer<String, RawPopulationRow> {
        private int sends;

        FailingThirdSend() {
            super(true, null, new StringSerializer(), (topic, row) -> new byte[0]);
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, RawPopulationRow> record) {
            if (++sends == 3) {
                return CompletableFuture.failedFuture(
                        new TimeoutException("Topic " + record.topic() + " not present in metadata after 30000 ms."));
            }
            return super.send(record);
        }
    }
}
