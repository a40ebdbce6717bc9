package org.popsurvey.enricher.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void plainCellsAreSplitOnCommasAndKeptAsWritten() {
        assertThat(CsvLine.split("Allegheny Center,1,39947000,6437773")).containsExactly("Allegheny Center", "1",
                "39947000", "6437773");
        assertThat(CsvLine.split(" a , b")).containsExactly(" a ", " b");
    }

    @Test
    void emptyCellsCountIncludingALastOne() {
        assertThat(CsvLine.split("a,,b,")).containsExactly("a", "", "b", "");
        assertThat(CsvLine.split("")).containsExactly("");
        assertThat(CsvLine.split(",")).containsExactly("", "");
    }

    @Test
    void quotedCellsMayHoldCommasAndDoubledQuotes() {
        assertThat(CsvLine.split("\"Mount Oliver, Borough\",7,\"say \"\"hi\"\"\",\"\"")).containsExactly(
                "Mount Oliver, Borough", "7", "say \"hi\"", "");
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> CsvLine.split("\"Mount Oliver,7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not closed");
    }
}
