package org.popsurvey.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalSafeWriterTest {

    private static String print(String text) {
        StringWriter target = new StringWriter();
        try (PrintWriter out = new PrintWriter(new TerminalSafeWriter(target))) {
            out.print(text);
        }
        return target.toString();
    }

    @Test
    void escapeSequencesCarriageReturnsAndBidiOverridesAreShownNotObeyed() {
        assertThat(print("a\u001b[2Jb\rc\u0007d\u202ee\u200bf"))
                .isEqualTo("a\\u001b[2Jb\\u000dc\\u0007d\\u202ee\\u200bf");
    }

    @Test
    void lineBreaksAndOrdinaryTextOfAnyScriptPassThrough() {
        String text = "Mt. Señor-Kirkbride\n  Ωμέγα 東京";
        assertThat(print(text)).isEqualTo(text);
    }
}
