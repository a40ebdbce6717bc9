package org.popsurvey.enricher.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.popsurvey.schemas.MarginOfErrorStatus;

class AcsCellTest {

    @Test
    void estimatesAreWholeNumbersInEitherPublishedForm() {
        assertThat(AcsCell.estimate("2558.0")).isEqualTo(new AcsCell(2558.0, MarginOfErrorStatus.MEASURED));
        assertThat(AcsCell.estimate("39947000").longValue()).isEqualTo(39_947_000L);
        assertThat(AcsCell.estimate(" 0 ").value()).isZero();
    }

    @Test
    void marginsOfErrorKeepTheirDecimals() {
        assertThat(AcsCell.marginOfError("449.773276218").value()).isEqualTo(449.773276218);
        assertThat(AcsCell.marginOfError("25839798.58").value()).isEqualTo(25839798.58);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-     | NO_SAMPLE",
                "**    | NO_SAMPLE",
                "***   | OPEN_ENDED_MEDIAN",
                "N     | SUPPRESSED",
                "(X)   | NOT_APPLICABLE"
            })
    void annotationsBecomeNullWithTheirStatus(String cell, MarginOfErrorStatus status) {
        assertThat(AcsCell.marginOfError(cell)).isEqualTo(new AcsCell(null, status));
        assertThat(AcsCell.estimate(cell)).isEqualTo(new AcsCell(null, status));
    }

    @Test
    void aControlledMarginOfErrorIsZero() {
        assertThat(AcsCell.marginOfError("*****")).isEqualTo(new AcsCell(0.0, MarginOfErrorStatus.CONTROLLED));
        // An estimate is never "controlled" in itself; the symbol there says only that it is not a number.
        assertThat(AcsCell.estimate("*****")).isEqualTo(new AcsCell(null, MarginOfErrorStatus.CONTROLLED));
    }

    /** The fast paths for plain digits must accept, and value, exactly what BigDecimal does. */
    @ParameterizedTest
    @CsvSource({
        "0",
        "7",
        "007",
        "2558",
        "2558.0",
        "2558.000",
        "2558.",
        "0.0",
        "999999999999999999",
        "9223372036854775807",
        "1e3",
        "+5",
        "-0",
        ".0"
    })
    void wholeNumberEstimatesAreReadAsBigDecimalWouldReadThem(String cell) {
        java.math.BigDecimal exact = new java.math.BigDecimal(cell);
        assertThat(AcsCell.estimate(cell))
                .isEqualTo(new AcsCell((double) exact.longValueExact(), MarginOfErrorStatus.MEASURED));
    }

    @ParameterizedTest
    @CsvSource({
        "0",
        "10",
        "449.773276218",
        "25839798.58",
        "0.1",
        "3.000000000000000000001",
        "1e-3",
        "+2.5",
        "5.",
        ".25",
        "123456789012345678901234567890.5"
    })
    void marginsOfErrorAreReadAsBigDecimalWouldReadThem(String cell) {
        assertThat(AcsCell.marginOfError(cell).value()).isEqualTo(new java.math.BigDecimal(cell).doubleValue());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "12.5        | '12.5' is not a whole number",
                "-3          | negative",
                "1.2.3       | neither a number",
                "0x10        | neither a number",
                "NaN         | not a finite number",
                "12d         | neither a number"
            })
    void malformedNumbersStillFailWithTheirReason(String cell, String reason) {
        assertThatThrownBy(() -> AcsCell.estimate(cell)).hasMessageContaining(reason);
    }

    @Test
    void anythingElseIsAnErrorThatSaysWhy() {
        assertThatThrownBy(() -> AcsCell.estimate("12.5")).hasMessageContaining("'12.5' is not a whole number");
        assertThatThrownBy(() -> AcsCell.estimate("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> AcsCell.marginOfError("abc")).hasMessageContaining("'abc' is neither a number");
        assertThatThrownBy(() -> AcsCell.marginOfError("-3")).hasMessageContaining("negative");
    }

    @Test
    void numbersThatAreNotFiniteAreRefusedAsSuch() {
        for (String cell : new String[] {"NaN", "nan", "Infinity", "-Infinity", "+inf", "\u221E"}) {
            assertThatThrownBy(() -> AcsCell.estimate(cell)).as(cell).hasMessageContaining("is not a finite number");
            assertThatThrownBy(() -> AcsCell.marginOfError(cell))
                    .as(cell)
                    .hasMessageContaining("is not a finite number");
        }
        assertThatThrownBy(() -> AcsCell.marginOfError("1e400")).hasMessageContaining("'1e400' is out of range");
        assertThatThrownBy(() -> AcsCell.marginOfError("9".repeat(400) + ".5")).hasMessageContaining("is out of range");
        assertThatThrownBy(() -> AcsCell.estimate("1e400")).hasMessageContaining("'1e400' is out of range");
        assertThatThrownBy(() -> AcsCell.estimate("1e19")).hasMessageContaining("'1e19' is out of range");
        assertThatThrownBy(() -> AcsCell.estimate("2.5")).hasMessageContaining("is not a whole number");
        org.assertj.core.api.Assertions.assertThat(
                        AcsCell.marginOfError("1e300").value())
                .isEqualTo(1e300);
    }
}
