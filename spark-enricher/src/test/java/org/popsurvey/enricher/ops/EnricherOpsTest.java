package org.popsurvey.enricher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnricherOpsTest {

    @Test
    void aQueryIsStaleAfterSixTriggersButNeverBeforeAMinute() {
        assertThat(EnricherOps.staleAfter(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(60));
        assertThat(EnricherOps.staleAfter(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(60));
        assertThat(EnricherOps.staleAfter(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(3));
    }
}
