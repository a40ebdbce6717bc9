package org.popsurvey.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordPositionTest {

    @Test
    void roundTripsItsTextForm() {
        RecordPosition position = new RecordPosition("population.dlq", 2, 17);
        assertThat(position.toString()).isEqualTo("population.dlq:2:17");
        assertThat(RecordPosition.parse("population.dlq:2:17")).isEqualTo(position);
    }

    @Test
    void refusesOtherForms() {
        assertThatThrownBy(() -> RecordPosition.parse("2:17")).hasMessageContaining("TOPIC:PARTITION:OFFSET");
    }

    @Test
    void replayDropsOnlyErrorAndReplayHeaders() {
        assertThat(DeadLetterHeaders.ERROR_HEADERS).allMatch(DeadLetterHeaders::isErrorOrReplayHeader);
        assertThat(DeadLetterHeaders.isErrorOrReplayHeader(DeadLetterHeaders.REPLAY_OF))
                .isTrue();
        assertThat(DeadLetterHeaders.isErrorOrReplayHeader("traceparent")).isFalse();
    }

    @Test
    void partitionAndOffsetAreReadInAKnownTopicAndAnythingElseIsNamed() {
        assertThat(RecordPosition.parseInTopic("population.dlq", " 2:17 "))
                .isEqualTo(new RecordPosition("population.dlq", 2, 17));
        for (String bad : new String[] {"17", "0:", ":3", "a:1", "1:2:3", "-1:5", "99999999999:1"}) {
            assertThatThrownBy(() -> RecordPosition.parseInTopic("population.dlq", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PARTITION:OFFSET");
        }
    }
}
