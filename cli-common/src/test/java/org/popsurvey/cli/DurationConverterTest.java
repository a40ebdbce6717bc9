package org.popsurvey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void parsesShortFormsAndIso() {
        assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
        assertThat(converter.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void rejectsAmbiguousOrWrongValues() {
        assertThatThrownBy(() -> converter.convert("10"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> converter.convert("ten seconds"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("not a duration");
    }
}
