package org.popsurvey.schemas.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReliabilityTest {

    @Test
    void cvIsTheStandardErrorOverTheEstimate() {
        // Allegheny Center: 1,411 people, MOE 196 -> SE 119.1489, CV 8.4443%
        assertThat(Reliability.cv(1411.0, 196.0))
                .isCloseTo(196 / 1.645 / 1411, within(1e-12))
                .isCloseTo(0.0844429, within(1e-7));
    }

    @Test
    void cvIsUnknownForAZeroEstimateOrAnUnknownInput() {
        assertThat(Reliability.cv(0.0, 10.0)).isNull();
        assertThat(Reliability.cv(null, 10.0)).isNull();
        assertThat(Reliability.cv(12.0, null)).isNull();
        assertThat(Reliability.cv(12.0, -1.0)).isNull();
    }

    @Test
    void classesSplitAtTwelveAndFortyPercentInclusive() {
        assertThat(Reliability.classify(0.0)).isEqualTo("high");
        assertThat(Reliability.classify(0.12)).isEqualTo("high");
        assertThat(Reliability.classify(0.1200001)).isEqualTo("medium");
        assertThat(Reliability.classify(0.40)).isEqualTo("medium");
        assertThat(Reliability.classify(0.4000001)).isEqualTo("low");
        assertThat(Reliability.classify(null)).isNull();
    }

    @Test
    void twoEstimatesDifferWhenTheirZScoreExceeds1645() {
        // |1000 - 800| / sqrt((100/1.645)^2 + (100/1.645)^2) = 2.326: differ
        assertThat(Reliability.zScore(1000, 100.0, 800, 100.0))
                .isCloseTo(200 / Math.sqrt(2) / (100 / 1.645), within(1e-9));
        assertThat(Reliability.differ(1000, 100.0, 800, 100.0)).isTrue();
        // |1000 - 900| / ... = 1.163: do not differ
        assertThat(Reliability.differ(1000, 100.0, 900, 100.0)).isFalse();
        assertThat(Reliability.differ(1000, null, 900, 100.0)).isNull();
        assertThat(Reliability.differ(5, 0.0, 4, 0.0)).isTrue();
        assertThat(Reliability.differ(5, 0.0, 5, 0.0)).isFalse();
    }
}
