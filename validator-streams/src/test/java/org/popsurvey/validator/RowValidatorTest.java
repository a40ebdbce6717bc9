package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.validator.outcome.ErrorCode;
import org.popsurvey.validator.outcome.ProcessingResult;
import org.popsurvey.validator.outcome.Violation;
import org.popsurvey.validator.rules.RowValidator;

/** The rules alone, on every row of the corpus (the topology test runs the same corpus end to end). */
class RowValidatorTest {

    private final RowValidator validator = new RowValidator(RowValidator.DEFAULT_MAX_NEIGHBORHOOD_LENGTH);

    static Stream<RowCorpus.Case> rowCases() {
        return RowCorpus.load().stream().filter(RowCorpus.Case::isRow);
    }

    @Test
    void corpusHasAtLeastThirtyMalformedRowsOfManyKinds() {
        List<RowCorpus.Case> malformed = RowCorpus.malformed();
        assertThat(malformed).hasSizeGreaterThanOrEqualTo(30);
        assertThat(malformed.stream().flatMap(c -> c.expect().stream()).distinct())
                .as("every error code has a corpus row")
                .containsExactlyInAnyOrder(Stream.of(ErrorCode.values())
                        .filter(code -> code != ErrorCode.CONFLICTING_RESEND).map(Enum::name).toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowCases")
    void judgesEachCorpusRow(RowCorpus.Case row) {
        ProcessingResult<PopulationRecord> result = validator.validate(row.keyBytes(), row.row());
        if (row.isValid()) {
            assertThat(result).isInstanceOf(ProcessingResult.Success.class);
            PopulationRecord record = ((ProcessingResult.Success<PopulationRecord>) result).value();
            assertThat(record.getId()).isEqualTo(row.clean().id());
            assertThat(record.getNeighborhood()).isEqualTo(row.cells().get(0));
            assertThat(record.getEstimate()).isEqualTo(row.clean().estimate());
            assertThat(record.getMarginOfError()).isEqualTo(row.clean().moe());
            assertThat(record.getMarginOfErrorStatus()).isEqualTo(row.clean().status());
            assertThat(record.getLineage()).isEqualTo(row.row().getLineage());
        } else {
            assertThat(result).isInstanceOf(ProcessingResult.Failure.class);
            List<Violation> violations = ((ProcessingResult.Failure<PopulationRecord>) result).violations();
            assertThat(violations).extracting(v -> v.code().name()).containsExactlyElementsOf(row.expect());
            assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
        }
    }

    @Test
    void messagesNameTheFieldAndShowTheExactText() {
        Violation violation = failure(RowCorpus.load().stream()
                .filter(c -> c.name().equals("tab-padded MOE")).findFirst().orElseThrow()).get(0);
        assertThat(violation.field()).isEqualTo("margin_of_error");
        assertThat(violation.value()).isEqualTo("96\t");
        assertThat(violation.message()).isEqualTo("margin_of_error '96\\t': has leading or trailing whitespace");
    }

    @Test
    void exponentMessageSaysWhy() {
        Violation violation = failure(RowCorpus.load().stream()
                .filter(c -> c.name().equals("exponent form")).findFirst().orElseThrow()).get(0);
        assertThat(violation.message()).contains("'2.558e3'").contains("exponent notation is not accepted");
    }

    @Test
    void maxNeighborhoodLengthIsConfigurable() {
        RowCorpus.Case longName = RowCorpus.load().stream()
                .filter(c -> c.name().equals("name of 129 characters")).findFirst().orElseThrow();
        assertThat(new RowValidator(200).validate(longName.keyBytes(), longName.row()))
                .isInstanceOf(ProcessingResult.Success.class);
        ProcessingResult<PopulationRecord> tooLong = new RowValidator(10).validate("1".getBytes(),
                RowCorpus.load().get(0).row());
        assertThat(((ProcessingResult.Failure<PopulationRecord>) tooLong).violations())
                .extracting(Violation::code).containsExactly(ErrorCode.NEIGHBORHOOD_TOO_LONG);
    }

    private List<Violation> failure(RowCorpus.Case row) {
        return ((ProcessingResult.Failure<PopulationRecord>) validator.validate(row.keyBytes(), row.row())).violations();
    }
}
