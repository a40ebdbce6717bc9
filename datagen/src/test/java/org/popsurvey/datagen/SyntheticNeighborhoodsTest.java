package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.popsurvey.schemas.SourceFile;

/** The Java API: deterministic per (seed, id), independent of order, agreeing with the files. */
class SyntheticNeighborhoodsTest {

    @Test
    void aNeighborhoodIsTheSameWhateverWasAskedBeforeAndInWhichOrderItsPartsAreRead() {
        SyntheticNeighborhoods data = new SyntheticNeighborhoods(42, 2_000);
        Neighborhood healthFirst = data.neighborhood(1234);
        HealthCoverage health = healthFirst.health();
        Measure households = healthFirst.households();

        SyntheticNeighborhoods fresh = new SyntheticNeighborhoods(42, 2_000);
        for (long id = 2_000; id > 1_000; id--) {
            fresh.neighborhood(id).aggregateIncome();
        }
        Neighborhood householdsFirst = fresh.neighborhood(1234);
        assertThat(householdsFirst.households()).isEqualTo(households);
        assertThat(householdsFirst.health()).isEqualTo(health);
        assertThat(householdsFirst).isEqualTo(healthFirst);
    }

    @Test
    void numbersDependOnSeedAndIdOnlyWhileNamesDependOnTheCountToo() {
        Neighborhood small = new SyntheticNeighborhoods(42, 91).neighborhood(50);
        Neighborhood large = new SyntheticNeighborhoods(42, 1_000_000).neighborhood(50);
        assertThat(large.population()).isEqualTo(small.population());
        assertThat(large.health()).isEqualTo(small.health());
        assertThat(large.aggregateIncome()).isEqualTo(small.aggregateIncome());
        assertThat(large.name()).isNotEqualTo(small.name());
    }

    @Test
    void anotherSeedGivesOtherNumbers() {
        SyntheticNeighborhoods a = new SyntheticNeighborhoods(42, 91);
        SyntheticNeighborhoods b = new SyntheticNeighborhoods(43, 91);
        long same = 0;
        for (long id = 1; id <= 91; id++) {
            if (a.neighborhood(id).population().equals(b.neighborhood(id).population())) {
                same++;
            }
        }
        assertThat(same).isLessThan(5);
    }

    @Test
    void cellsEqualTheRowWrittenToEachFile() {
        SyntheticNeighborhoods data = new SyntheticNeighborhoods(GeneratedData.SEED, GeneratedData.COUNT);
        for (SourceFile file : SourceFile.values()) {
            List<List<String>> rows = GeneratedData.table(file).rows();
            for (long id : new long[] {1, 17, 999, GeneratedData.COUNT}) {
                assertThat(data.cells(file, id)).isEqualTo(rows.get((int) id - 1));
                assertThat(RowFormatter.of(file).file()).isEqualTo(file);
            }
        }
    }

    @Test
    void streamGivesOneToCountInOrder() {
        SyntheticNeighborhoods data = new SyntheticNeighborhoods(5, 300);
        assertThat(data.stream().map(Neighborhood::id).toList())
                .isEqualTo(
                        java.util.stream.LongStream.rangeClosed(1, 300).boxed().toList());
    }

    @Test
    void singleTractNeighborhoodsHaveWholeMarginsAndMultiTractOnesRootSumsOfSquares() {
        SyntheticNeighborhoods data = new SyntheticNeighborhoods(42, 500);
        int single = 0;
        int multi = 0;
        for (long id = 1; id <= 500; id++) {
            Neighborhood n = data.neighborhood(id);
            double moe = n.population().marginOfError();
            if (n.singleTract()) {
                single++;
                assertThat(moe).isEqualTo(Math.rint(moe));
            } else {
                multi++;
                assertThat(n.tracts()).isBetween(2, 15);
            }
        }
        assertThat(single).isPositive();
        assertThat(multi).isGreaterThan(single);
    }
}
