package org.popsurvey.enricher.latest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Across batches: a bucket's incoming rows replace its stored rows of the same Id. */
class LatestWinsTest {

    private static final int ID = 1;

    @Test
    void theIncomingRowsComeFirstThenTheStoredRowsOfEveryOtherId() {
        Iterator<InternalRow> merged = LatestWins.replaceStored(
                List.of(row(8, "new eight"), row(3, "new three")).iterator(),
                () -> List.of(row(3, "old three"), row(11, "old eleven"), row(8, "old eight"), row(0, "old zero"))
                        .iterator(),
                ID);

        assertThat(contents(merged)).containsExactly("8 new eight", "3 new three", "11 old eleven", "0 old zero");
    }

    @Test
    void theStoredFileIsOpenedOnceAndOnlyAfterTheLastIncomingRow() {
        AtomicInteger opened = new AtomicInteger();
        Iterator<InternalRow> merged = LatestWins.replaceStored(
                List.of(row(4, "new four")).iterator(),
                () -> {
                    opened.incrementAndGet();
                    return List.of(row(4, "old four"), row(-2, "old minus two")).iterator();
                },
                ID);

        assertThat(merged.next().getInt(ID)).isEqualTo(4);
        assertThat(opened).hasValue(0);
        assertThat(contents(merged)).containsExactly("-2 old minus two");
        assertThat(merged.hasNext()).isFalse();
        assertThat(opened).hasValue(1);
    }

    @Test
    void aBucketWhoseStoredRowsAreAllReplacedHoldsOnlyTheIncomingRows() {
        Iterator<InternalRow> merged = LatestWins.replaceStored(
                List.of(row(5, "new five")).iterator(),
                () -> List.of(row(5, "old five")).iterator(),
                ID);

        assertThat(contents(merged)).containsExactly("5 new five");
    }

    /** A row as the sink writes it: a name, then the Id (not the first column). */
    private static InternalRow row(int id, String name) {
        return new GenericInternalRow(new Object[] {UTF8String.fromString(name), id});
    }

    private static List<String> contents(Iterator<InternalRow> rows) {
        List<String> contents = new ArrayList<>();
        rows.forEachRemaining(row -> contents.add(row.getInt(ID) + " " + row.getUTF8String(0)));
        return contents;
    }
}
