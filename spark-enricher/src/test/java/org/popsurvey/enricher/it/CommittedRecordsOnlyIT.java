package org.popsurvey.enricher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.testing.AcsData;
import org.popsurvey.enricher.testing.CleanTopic;
import org.popsurvey.enricher.testing.CommittedCount;
import org.popsurvey.enricher.testing.InProcessEnricher;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.enricher.testing.TestSpark;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.testkit.RealKafkaStack;

/**
 * The enricher reads committed records only: a changed copy of a clean record written in a Kafka
 * transaction that is then aborted (what a validator crash or rebalance leaves) never reaches
 * {@code neighborhoods/}; the same change in a committed transaction does.
 */
class CommittedRecordsOnlyIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    private static final int ABORTED_ID = 1;
    private static final int COMMITTED_ID = 2;

    @TempDir
    Path dir;

    @Test
    void aChangedRecordInAnAbortedTransactionNeverReachesTheOutput() throws Exception {
        String topic = "enrich-aborted-" + UUID.randomUUID();
        STACK.createTopic(topic, 2);
        List<PopulationRecord> real = CleanTopic.realRecords(AcsData.file(SourceFile.TOTAL_POPULATION));
        Map<Integer, PopulationRecord> byId = new HashMap<>();
        real.forEach(r -> byId.put(r.getId(), r));
        try (CleanTopic clean = new CleanTopic(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), topic);
                KafkaProducer<String, byte[]> transactional = transactionalProducer()) {
            clean.sendAll(real);
            transactional.initTransactions();

            transactional.beginTransaction();
            transactional.send(changed(clean, topic, byId.get(ABORTED_ID), 999_999L));
            transactional.flush();
            transactional.abortTransaction();

            transactional.beginTransaction();
            transactional.send(changed(clean, topic, byId.get(COMMITTED_ID), 222_222L));
            transactional.commitTransaction();
        }
        // The aborted record is in the log (a read_uncommitted consumer sees it); a committed reader does not.
        Map<String, Integer> uncommitted = CommittedCount.perKey(STACK.bootstrapServers(), topic, "read_uncommitted");
        Map<String, Integer> committed = CommittedCount.perKey(STACK.bootstrapServers(), topic, "read_committed");
        assertThat(uncommitted.get(Integer.toString(ABORTED_ID))).isEqualTo(2);
        assertThat(committed.get(Integer.toString(ABORTED_ID))).isEqualTo(1);
        assertThat(committed.get(Integer.toString(COMMITTED_ID))).isEqualTo(2);
        assertThat(CommittedCount.total(committed)).isEqualTo(real.size() + 1);

        SparkSession spark = TestSpark.session();
        String output = dir.resolve("out").toString();
        InProcessEnricher.runOnce(
                spark,
                STACK.bootstrapServers(),
                STACK.schemaRegistryUrl(),
                topic,
                AcsData.directory().toString(),
                output,
                dir.resolve("checkpoint").toString());

        Map<Integer, Group> rows = new HashMap<>();
        for (Group row : PlainParquet.readFolder(new Configuration(), output + "/neighborhoods")) {
            assertThat(rows.put(row.getInteger("neighborhood_id", 0), row))
                    .as("Id twice")
                    .isNull();
        }
        assertThat(rows).hasSize(real.size());
        assertThat(rows.get(ABORTED_ID).getLong("population", 0))
                .isEqualTo(byId.get(ABORTED_ID).getEstimate())
                .isEqualTo(1411L);
        assertThat(rows.get(COMMITTED_ID).getLong("population", 0)).isEqualTo(222_222L);
        for (PopulationRecord record : real) {
            if (record.getId() != COMMITTED_ID) {
                assertThat(rows.get(record.getId()).getLong("population", 0))
                        .as("Id %d", record.getId())
                        .isEqualTo(record.getEstimate());
            }
        }
        assertThat(PlainParquet.readFolder(new Configuration(), output + "/rejected"))
                .isEmpty();
    }

    private static ProducerRecord<String, byte[]> changed(
            CleanTopic clean, String topic, PopulationRecord original, long estimate) {
        PopulationRecord copy = CleanTopic.record(
                original.getId(),
                original.getNeighborhood(),
                estimate,
                original.getMarginOfError(),
                MarginOfErrorStatus.MEASURED,
                original.getLineage().getLineNumber());
        return new ProducerRecord<>(topic, Integer.toString(original.getId()), clean.framed(copy));
    }

    private static KafkaProducer<String, byte[]> transactionalProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        STACK.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "enrich-aborted-" + UUID.randomUUID(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }
}
