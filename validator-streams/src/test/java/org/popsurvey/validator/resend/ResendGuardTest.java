package org.popsurvey.validator.resend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceLineage;

/** What makes two rows of one Id "the same"; the decoding path is covered by ValidatorTopologyIT. */
class ResendGuardTest {

    private static PopulationRecord record(
            String name, long estimate, Double moe, MarginOfErrorStatus status, String run) {
        return PopulationRecord.newBuilder()
                .setId(3)
                .setNeighborhood(name)
                .setEstimate(estimate)
                .setMarginOfError(moe)
                .setMarginOfErrorStatus(status)
                .setLineage(SourceLineage.newBuilder()
                        .setSourceFile("total-population.csv")
                        .setLineNumber(4)
                        .setBatchNumber(1)
                        .setProducerRunId(run)
                        .setReadTimestamp(Instant.EPOCH)
                        .build())
                .build();
    }

    @Test
    void contentNotLineageDecidesWhetherARowIsTheSame() {
        PopulationRecord accepted = record("Allentown", 2558, 449.773276218, MarginOfErrorStatus.MEASURED, "run-1");
        assertThat(ResendGuard.differingFields(
                        accepted, record("Allentown", 2558, 449.773276218, MarginOfErrorStatus.MEASURED, "run-2")))
                .isEmpty();
        assertThat(ResendGuard.differingFields(
                        accepted, record("Allentown ", 2600, 449.773276218, MarginOfErrorStatus.MEASURED, "run-1")))
                .containsExactly("neighborhood", "estimate");
        assertThat(ResendGuard.differingFields(
                        accepted, record("Allentown", 2558, null, MarginOfErrorStatus.NO_SAMPLE, "run-1")))
                .containsExactly("margin_of_error");
        assertThat(ResendGuard.differingFields(
                        accepted, record("Allentown", 2558, 449.773276219, MarginOfErrorStatus.MEASURED, "run-1")))
                .containsExactly("margin_of_error");
    }

    @Test
    void originNamesTheAcceptedRowsFileLineAndRun() {
        assertThat(ResendGuard.origin(record("A", 1, 1.0, MarginOfErrorStatus.MEASURED, "run-7")))
                .isEqualTo("total-population.csv:4@run-7");
    }

    @Test
    void acceptedIdsKeepTheFirstValueOfAnId() {
        AcceptedIds ids = AcceptedIds.none();
        assertThat(ids.putIfAbsent(3, new byte[] {1})).isNull();
        assertThat(ids.putIfAbsent(3, new byte[] {2})).containsExactly(1);
        assertThat(ids.size()).isEqualTo(1);
    }
}
