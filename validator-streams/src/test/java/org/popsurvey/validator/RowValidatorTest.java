package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Violation;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.validator.rules.ProcessingResult;
import org.popsurvey.validator.rules.RecordLimits;
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
        assertThat(Stream.concat(malformed.stream().flatMap(c -> c.expect().stream()), HostileRecordsIT.CODES.stream())
                        .distinct())
                .as("every error code has a corpus row, or a hostile record in HostileRecordsIT")
                .containsExactlyInAnyOrder(Stream.of(ErrorCode.values())
                        .filter(code -> code != ErrorCode.CONFLICTING_RESEND)
                        .map(Enum::name)
                        .toArray(String[]::new));
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
    void aRowOutsideTheBoundsGetsOnlyTheBoundsCodes() {
        RecordLimits limits = new RecordLimits(1_000, 6, 20);
        RowValidator bounded = new RowValidator(RowValidator.DEFAULT_MAX_NEIGHBORHOOD_LENGTH, limits);
        RawPopulationRow wide = RawRecords.row("  ", "x", "-", "", "run", 2);
        wide.setExtraCells(new java.util.ArrayList<>(java.util.Collections.nCopies(3, "")));
        assertThat(failure(bounded.validate("1".getBytes(), wide)))
                .extracting(v -> v.code().name())
                .containsExactly("TOO_MANY_CELLS");
        assertThat(failure(bounded.validate("1".getBytes(), wide)).get(0).message())
                .isEqualTo("the line has 7 cells, more than --max-cells 6 (the header has 4)");

        RawPopulationRow longCell = RawRecords.row("Allentown", "3", "1".repeat(21), "1", "run", 2);
        assertThat(failure(bounded.validate("3".getBytes(), longCell)))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.code()).isEqualTo(ErrorCode.CELL_TOO_LONG);
                    assertThat(v.field()).isEqualTo("estimate");
                    assertThat(v.message())
                            .isEqualTo("cell 3 (estimate) has 21 characters, more than --max-cell-length 20");
                });

        RawPopulationRow longRun = RawRecords.row("Allentown", "3", "1", "1", "r".repeat(257), 2);
        assertThat(failure(bounded.validate("3".getBytes(), longRun)))
                .extracting(v -> v.code().name())
                .containsExactly("LINEAGE_TOO_LONG");
    }

    @Test
    void messagesNameTheFieldAndShowTheExactText() {
        Violation violation = failure(RowCorpus.load().stream()
                        .filter(c -> c.name().equals("tab-padded MOE"))
                        .findFirst()
                        .orElseThrow())
                .get(0);
        assertThat(violation.field()).isEqualTo("margin_of_error");
        assertThat(violation.value()).isEqualTo("96\t");
        assertThat(violation.message()).isEqualTo("margin_of_error '96\\t': has leading or trailing whitespace");
    }

    @Test
    void exponentMessageSaysWhy() {
        Violation violation = failure(RowCorpus.load().stream()
                        .filter(c -> c.name().equals("exponent form"))
                        .findFirst()
                        .orElseThrow())
                .get(0);
        assertThat(violation.message()).contains("'2.558e3'").contains("exponent notation is not accepted");
    }

    @Test
    void maxNeighborhoodLengthIsConfigurable() {
        RowCorpus.Case longName = RowCorpus.load().stream()
                .filter(c -> c.name().equals("name of 129 characters"))
                .findFirst()
                .orElseThrow();
        assertThat(new RowValidator(200).validate(longName.keyBytes(), longName.row()))
                .isInstanceOf(ProcessingResult.Success.class);
        ProcessingResult<PopulationRecord> tooLong = new RowValidator(10)
                .validate("1".getBytes(), RowCorpus.load().get(0).row());
        assertThat(((ProcessingResult.Failure<PopulationRecord>) tooLong).violations())
                .extracting(Violation::code)
                .containsExactly(ErrorCode.NEIGHBORHOOD_TOO_LONG);
    }

    private static List<Violation> failure(ProcessingResult<PopulationRecord> result) {
        assertThat(result).isInstanceOf(ProcessingResult.Failure.class);
        return ((ProcessingResult.Failure<PopulationRecord>) result).violations();
    }

    private List<Violation> failure(RowCorpus.Case row) {
        return ((ProcessingResult.Failure<PopulationRecord>) validator.validate(row.keyBytes(), row.row()))
                .violations();
    }
}
