package org.popsurvey.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellTextTest {

    @Test
    void showsInvisibleCharactersEscaped() {
        assertThat(CellText.quote("Blu\tff\u00a0")).isEqualTo("'Blu\\tff\\u00a0'");
        assertThat(CellText.quote("Bl\u200buff")).isEqualTo("'Bl\\u200buff'");
        assertThat(CellText.quote("Señor")).isEqualTo("'Señor'");
        assertThat(CellText.quote(null)).isEqualTo("(missing)");
    }

    @Test
    void shortensVeryLongCells() {
        assertThat(CellText.quote("N".repeat(200))).isEqualTo("'" + "N".repeat(60) + "'... (200 characters)");
    }
}
