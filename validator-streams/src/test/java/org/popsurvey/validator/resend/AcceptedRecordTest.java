package org.popsurvey.validator.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceLineage;

class AcceptedRecordTest {

    private static PopulationRecord record(String name, long estimate, Double moe, MarginOfErrorStatus status, String run) {
        return PopulationRecord.newBuilder().setId(3).setNeighborhood(name).setEstimate(estimate)
                .setMarginOfError(moe).setMarginOfErrorStatus(status)
                .setLineage(SourceLineage.newBuilder().setSourceFile("total-population.csv").setLineNumber(4)
                        .setBatchNumber(1).setProducerRunId(run).setReadTimestamp(Instant.EPOCH).build())
                .build();
    }

    @Test
    void survivesTheStoreBytesUnchanged() {
        AcceptedRecord accepted = AcceptedRecord.of(
                record("Señor Heights", 2558, 449.773276218, MarginOfErrorStatus.MEASURED, "run-1"), 2, 17);
        assertThat(AcceptedRecord.fromBytes(accepted.toBytes())).isEqualTo(accepted);
        AcceptedRecord annotated = AcceptedRecord.of(record("Chateau", 3, null, MarginOfErrorStatus.NO_SAMPLE, "r"), 0, 0);
        assertThat(AcceptedRecord.fromBytes(annotated.toBytes())).isEqualTo(annotated);
    }

    @Test
    void contentNotLineageDecidesWhetherARowIsTheSame() {
        AcceptedRecord accepted = AcceptedRecord.of(
                record("Allentown", 2558, 449.773276218, MarginOfErrorStatus.MEASURED, "run-1"), 0, 0);
        assertThat(accepted.differingFields(
                record("Allentown", 2558, 449.773276218, MarginOfErrorStatus.MEASURED, "run-2"))).isEmpty();
        assertThat(accepted.differingFields(
                record("Allentown ", 2600, 449.773276218, MarginOfErrorStatus.MEASURED, "run-1")))
                .containsExactly("neighborhood", "estimate");
        assertThat(accepted.differingFields(record("Allentown", 2558, null, MarginOfErrorStatus.NO_SAMPLE, "run-1")))
                .containsExactly("margin_of_error");
    }

    @Test
    void refusesBytesOfAnUnknownFormatVersion() {
        byte[] bytes = AcceptedRecord.of(record("A", 1, 1.0, MarginOfErrorStatus.MEASURED, "r"), 0, 0).toBytes();
        bytes[0] = 9;
        assertThatThrownBy(() -> AcceptedRecord.fromBytes(bytes)).hasMessageContaining("format version 9");
    }
}
