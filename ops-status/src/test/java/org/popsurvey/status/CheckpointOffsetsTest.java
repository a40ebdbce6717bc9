package org.popsurvey.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointOffsetsTest {

    @TempDir
    Path checkpoint;

    @Test
    void theLastCommittedBatchGivesItsEndOffsetsForTheTopicOnly() throws IOException {
        offsets(0, "{\"population.clean\":{\"1\":10,\"0\":12}}");
        offsets(1, "{\"population.clean\":{\"1\":45,\"0\":46}}\n{\"other\":{\"0\":7}}");
        offsets(2, "{\"population.clean\":{\"1\":50,\"0\":51}}"); // planned, not committed
        commit(0);
        commit(1);
        Files.writeString(checkpoint.resolve("commits").resolve(".1.crc"), "x");

        CheckpointOffsets.Committed committed = CheckpointOffsets.lastCommitted(
                        checkpoint.toString(), "population.clean", new Configuration())
                .orElseThrow();

        assertThat(committed.batchId()).isEqualTo(1);
        assertThat(committed.offsets()).isEqualTo(Map.of(0, 46L, 1, 45L));
    }

    @Test
    void noCommitsMeansNoBatchYetAndAnotherFormatIsAnError() throws IOException {
        assertThat(CheckpointOffsets.lastCommitted(checkpoint.toString(), "t", new Configuration()))
                .isEmpty();
        Files.createDirectories(checkpoint.resolve("offsets"));
        Files.writeString(checkpoint.resolve("offsets").resolve("0"), "v9\n{}\n{}\n");
        commit(0);
        assertThatThrownBy(() -> CheckpointOffsets.lastCommitted(checkpoint.toString(), "t", new Configuration()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("offsets/0")
                .hasMessageContaining("v1");
    }

    private void offsets(long batch, String sources) throws IOException {
        Files.createDirectories(checkpoint.resolve("offsets"));
        Files.writeString(
                checkpoint.resolve("offsets").resolve(Long.toString(batch)),
                "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1700000000000,\"conf\":{}}\n" + sources);
    }

    private void commit(long batch) throws IOException {
        Files.createDirectories(checkpoint.resolve("commits"));
        Files.writeString(
                checkpoint.resolve("commits").resolve(Long.toString(batch)), "v1\n{\"nextBatchWatermarkMs\":0}");
    }
}
