package org.popsurvey.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.producer.RawTopicReader.Decoded;
import org.popsurvey.testkit.RealKafkaStack;

/** With the default options, 250 rows go out as batches of 100, 100 and 50, about 10 s apart. */
class PacingIT {

    @RegisterExtension
    static final RealKafkaStack STACK = RealKafkaStack.shared();

    @Test
    void defaultBatchesAndInterval(@TempDir Path dir) throws Exception {
        Path csv = TestFiles.population(dir, 250);
        String topic = "population.raw.pacing-" + UUID.randomUUID();

        CommandRun run = CommandRun.produce(
                "--input",
                csv.toString(),
                "--topic",
                topic,
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("250 records acknowledged").contains("in 3 batches");

        List<Decoded> records = new RawTopicReader(STACK.bootstrapServers(), STACK.schemaRegistryUrl()).readAll(topic);
        Map<Integer, List<Decoded>> byBatch = records.stream()
                .collect(Collectors.groupingBy(
                        r -> (Integer) r.lineage().get("batch_number"), TreeMap::new, Collectors.toList()));
        assertThat(byBatch.keySet()).containsExactly(1, 2, 3);
        assertThat(byBatch.values()).extracting(List::size).containsExactly(100, 100, 50);

        long start1 = firstTimestamp(byBatch.get(1));
        long start2 = firstTimestamp(byBatch.get(2));
        long start3 = firstTimestamp(byBatch.get(3));
        // About 10 s apart (batch starts are paced start to start; the first send of a batch may
        // lag its start by a few ms, hence the small allowance below 10 s).
        assertThat(start2 - start1).isBetween(9_500L, 20_000L);
        assertThat(start3 - start2).isBetween(9_500L, 20_000L);
    }

    private static long firstTimestamp(List<Decoded> batch) {
        return batch.stream().mapToLong(Decoded::timestamp).min().orElseThrow();
    }
}
