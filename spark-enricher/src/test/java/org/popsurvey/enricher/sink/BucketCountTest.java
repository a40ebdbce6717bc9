package org.popsurvey.enricher.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.lock.OutputLock;

class BucketCountTest {

    @TempDir
    Path dir;

    @Test
    void aNewOutputGetsOneBucketPer2048NeighborhoodsAPowerOfTwoAndAtLeastFour() {
        assertThat(BucketCount.forNeighborhoods(0)).isEqualTo(4);
        assertThat(BucketCount.forNeighborhoods(91)).isEqualTo(4);
        assertThat(BucketCount.forNeighborhoods(8_192)).isEqualTo(4);
        assertThat(BucketCount.forNeighborhoods(8_193)).isEqualTo(8);
        assertThat(BucketCount.forNeighborhoods(100_000)).isEqualTo(64);
        assertThat(BucketCount.forNeighborhoods(1_000_000)).isEqualTo(512);
        assertThat(BucketCount.forNeighborhoods(Integer.MAX_VALUE)).isEqualTo(1 << 20);
    }

    @Test
    void anExistingOutputKeepsTheCountItWasCreatedWith() {
        Configuration conf = new Configuration();
        String output = dir.resolve("out").toString();
        assertThat(OutputLayout.pinnedBuckets(output, conf)).isEmpty();
        try (OutputLock lock = OutputLayout.lock(output, conf)) {
            OutputLayout.open(output, 7, conf, lock);
        }
        assertThat(OutputLayout.pinnedBuckets(output, conf)).hasValue(7);
    }
}
