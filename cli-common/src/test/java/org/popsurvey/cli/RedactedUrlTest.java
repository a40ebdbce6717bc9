package org.popsurvey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {

    @Test
    void theUserInfoOfAUrlIsReplaced() {
        assertThat(RedactedUrl.redact("https://alice:s3cret@registry:8081/apis/ccompat/v7"))
                .isEqualTo("https://***@registry:8081/apis/ccompat/v7");
    }

    @Test
    void aMalformedUrlInsideAMessageIsRedactedToo() {
        String message = "Illegal character in authority at index 8: http://al ice:pass w0rd@reg istry:8081/x";
        assertThat(RedactedUrl.redact(message))
                .doesNotContain("ice")
                .doesNotContain("w0rd")
                .contains("http://***@reg");
    }

    @Test
    void aPasswordHoldingSlashesOrQuestionMarksDoesNotEscape() {
        assertThat(RedactedUrl.redact("http://bob:pa%2Fss@host/path and http://eve:x@h2"))
                .isEqualTo("http://***@host/path and http://***@h2");
    }

    @Test
    void aPasswordHoldingAnAtSignIsRedactedWhole() {
        assertThat(RedactedUrl.redact("http://u:p@ss/w@host:1/x")).isEqualTo("http://***@host:1/x");
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        String text = "Schema registry at http://127.0.0.1:8081/apis/ccompat/v7 answered 404; mail ops@example.org";
        assertThat(RedactedUrl.redact(text)).isEqualTo(text);
    }

    @Test
    void anErrorLineNeverShowsThePassword() {
        RuntimeException failure = new RuntimeException(
                "cannot reach http://u:hunter2@reg:1/", new IllegalStateException("at http://u:hunter2@reg:1/ again"));
        assertThat(PopsurveyCommandLine.describe(failure)).doesNotContain("hunter2");
    }
}
