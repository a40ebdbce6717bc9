package org.popsurvey.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class InstantConverterTest {

    private final InstantConverter converter =
            new InstantConverter(Clock.fixed(Instant.parse("2025-11-28T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void readsInstantsDatesAndDurationsAgo() {
        assertThat(converter.convert("2025-11-28T10:15:00Z")).isEqualTo(Instant.parse("2025-11-28T10:15:00Z"));
        assertThat(converter.convert("2025-11-28T10:15:00+02:00")).isEqualTo(Instant.parse("2025-11-28T08:15:00Z"));
        assertThat(converter.convert("2025-11-28T10:15")).isEqualTo(Instant.parse("2025-11-28T10:15:00Z"));
        assertThat(converter.convert("2025-11-28")).isEqualTo(Instant.parse("2025-11-28T00:00:00Z"));
        assertThat(converter.convert("2h")).isEqualTo(Instant.parse("2025-11-28T10:00:00Z"));
    }

    @Test
    void explainsWhatItAccepts() {
        assertThatThrownBy(() -> converter.convert("yesterday"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'yesterday' is not a time")
                .hasMessageContaining("2h");
    }
}
