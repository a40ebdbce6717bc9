package org.popsurvey.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popsurvey.testkit.SharedData;

class SourceFileTest {

    @Test
    void headersHaveThePublishedColumnCounts() {
        assertThat(SourceFile.TOTAL_POPULATION.header()).hasSize(4);
        assertThat(SourceFile.AGGREGATE_HOUSEHOLD_INCOME.header()).hasSize(4);
        assertThat(SourceFile.HEALTH_INSURANCE_BY_AGE.header()).hasSize(134);
        assertThat(SourceFile.SELF_EMPLOYMENT_INCOME.header()).hasSize(8);
        assertThat(SourceFile.TOTAL_POPULATION.header())
                .containsExactly("Neighborhood", "Id", "Estimate; Total", "Margin of Error; Total");
        // The 65+ group's parent label has no trailing ':' in the published file.
        assertThat(SourceFile.HEALTH_INSURANCE_BY_AGE.header())
                .contains("Estimate; 65 years and over: - With two or more types of health insurance coverage");
    }

    @Test
    void headersAreByteForByteThoseOfTheRealFiles() throws IOException {
        for (SourceFile file : SourceFile.values()) {
            List<String> lines = Files.readAllLines(SharedData.acs2015(file.fileName()), StandardCharsets.US_ASCII);
            assertThat(lines.get(0).replace("\r", "")).as(file.fileName()).isEqualTo(file.headerLine());
        }
    }
}
