package org.popsurvey.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvDialectTest {

    @Test
    void plainCellsAreSplitOnCommasAndKeptAsWritten() {
        assertThat(CsvDialect.cells("Allegheny Center,1,39947000,6437773"))
                .containsExactly("Allegheny Center", "1", "39947000", "6437773");
        assertThat(CsvDialect.cells(" a , b")).containsExactly(" a ", " b");
    }

    @Test
    void emptyCellsCountIncludingALastOne() {
        assertThat(CsvDialect.cells("a,,b,")).containsExactly("a", "", "b", "");
        assertThat(CsvDialect.cells("")).containsExactly("");
        assertThat(CsvDialect.cells(",")).containsExactly("", "");
    }

    @Test
    void quotedCellsMayHoldCommasAndDoubledQuotes() {
        assertThat(CsvDialect.cells("\"Mount Oliver, Borough\",7,\"say \"\"hi\"\"\",\"\""))
                .containsExactly("Mount Oliver, Borough", "7", "say \"hi\"", "");
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> CsvDialect.cells("\"Mount Oliver,7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not closed");
    }

    @Test
    void textAfterAClosingQuoteIsAnErrorNotASilentlyJoinedCell() {
        assertThatThrownBy(() -> CsvDialect.cells("\"Mount\" Oliver,7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid CSV");
    }
}
