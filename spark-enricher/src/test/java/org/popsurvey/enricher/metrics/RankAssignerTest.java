package org.popsurvey.enricher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class RankAssignerTest {

    @Test
    void eachMetricIsRankedOnItsOwnTiesShareARankAndTheNextRankSkips() {
        // Sorted by value, highest first, metrics interleaved, as Rankings feeds it.
        List<InternalRow> sorted = List.of(row("population", 1, 900.0), row("uninsured_rate", 2, 800.0),
                row("population", 2, 500.0), row("population", 3, 500.0), row("uninsured_rate", 1, 500.0),
                row("population", 4, 100.0), row("uninsured_rate", 3, 0.1));
        List<String> ranks = new ArrayList<>();
        new RankAssigner().call(sorted.iterator()).forEachRemaining(r -> ranks.add(
                r.getUTF8String(0) + " #" + r.getInt(1) + " id " + r.getInt(2) + " " + r.getDouble(4) + " ± " + r.getDouble(5)));
        assertThat(ranks).containsExactly(
                "population #1 id 1 900.0 ± 9.0",
                "uninsured_rate #1 id 2 800.0 ± 9.0",
                "population #2 id 2 500.0 ± 9.0",
                "population #2 id 3 500.0 ± 9.0",
                "uninsured_rate #2 id 1 500.0 ± 9.0",
                "population #4 id 4 100.0 ± 9.0",
                "uninsured_rate #3 id 3 0.1 ± 9.0");
    }

    private static InternalRow row(String metric, int id, double value) {
        return new GenericInternalRow(new Object[] {UTF8String.fromString(metric), id, UTF8String.fromString("N" + id),
            value, 9.0});
    }
}
