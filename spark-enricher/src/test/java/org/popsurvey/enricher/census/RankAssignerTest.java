package org.popsurvey.enricher.census;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class RankAssignerTest {

    private static final int DIFFERS = MetricSchemas.NEIGHBORHOOD_RANKINGS.fieldIndex("differs_from_next");
    private static final int RANGE_MIN = MetricSchemas.NEIGHBORHOOD_RANKINGS.fieldIndex("rank_range_min");
    private static final int RANGE_MAX = MetricSchemas.NEIGHBORHOOD_RANKINGS.fieldIndex("rank_range_max");

    @Test
    void eachMetricIsRankedOnItsOwnTiesShareARankAndTheNextRankSkips() {
        // Sorted by value, highest first, metrics interleaved, as Rankings feeds it.
        List<InternalRow> sorted = List.of(
                row("population", 1, 900.0, 9.0),
                row("uninsured_rate", 2, 800.0, 9.0),
                row("population", 2, 500.0, 9.0),
                row("population", 3, 500.0, 9.0),
                row("uninsured_rate", 1, 500.0, 9.0),
                row("population", 4, 100.0, 9.0),
                row("uninsured_rate", 3, 0.1, 9.0));
        List<String> ranks = new ArrayList<>();
        rank(sorted)
                .forEach(r -> ranks.add(r.getUTF8String(0) + " #" + r.getInt(1) + " id " + r.getInt(2) + " "
                        + r.getDouble(4) + " ± " + r.getDouble(5)));
        assertThat(ranks)
                .containsExactly(
                        "population #1 id 1 900.0 ± 9.0",
                        "population #2 id 2 500.0 ± 9.0",
                        "population #2 id 3 500.0 ± 9.0",
                        "population #4 id 4 100.0 ± 9.0",
                        "uninsured_rate #1 id 2 800.0 ± 9.0",
                        "uninsured_rate #2 id 1 500.0 ± 9.0",
                        "uninsured_rate #3 id 3 0.1 ± 9.0");
    }

    @Test
    void aValueDiffersFromTheNextWhenZExceeds1645AndItsRankRangeSpansTheValuesItDoesNotDifferFrom() {
        // SE = MOE / 1.645. 1000±100 vs 900±100: Z = 100 / sqrt(2 * 60.79^2) = 1.163 (no);
        // 900±100 vs 700±100: Z = 2.326 (yes); 700±100 vs 690±5: Z = 0.164 (no).
        // 1000 vs 700: Z = 3.49 (differ); 900 vs 690: Z = 3.45 (differ); 1000 vs 690 differ.
        // A very uncertain 600±800 is within reach of all: Z(1000, 600) = 400 / sqrt(60.79^2 + 486.3^2) = 0.816.
        List<InternalRow> sorted = List.of(
                row("m", 1, 1000.0, 100.0),
                row("m", 2, 900.0, 100.0),
                row("m", 3, 700.0, 100.0),
                row("m", 4, 690.0, 5.0),
                row("m", 5, 600.0, 800.0),
                row("m", 6, 500.0, null));
        List<InternalRow> out = new ArrayList<>();
        out.addAll(rank(sorted));
        List<String> verdicts = out.stream()
                .map(r -> "#" + r.getInt(1) + " differs " + (r.isNullAt(DIFFERS) ? "null" : r.getBoolean(DIFFERS))
                        + " range "
                        + (r.isNullAt(RANGE_MIN) ? "null" : r.getInt(RANGE_MIN) + "-" + r.getInt(RANGE_MAX)))
                .toList();
        assertThat(verdicts)
                .containsExactly(
                        "#1 differs false range 1-5",
                        "#2 differs true range 1-5",
                        "#3 differs false range 3-5",
                        "#4 differs false range 3-5",
                        "#5 differs null range 1-5",
                        "#6 differs null range null");
    }

    @Test
    void rankRangesOfThousandsOfRandomValuesEqualABruteForceSearchOverAllPairs() {
        java.util.Random random = new java.util.Random(15);
        int n = 3_000;
        double[] values = new double[n];
        Double[] moes = new Double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.floor(random.nextDouble() * 20_000);
            // Mostly small margins, a few huge ones, some unknown, some zero (controlled).
            double pick = random.nextDouble();
            moes[i] = pick < 0.03
                    ? null
                    : pick < 0.05 ? 0.0 : pick < 0.08 ? 5_000 * random.nextDouble() : 50 + 400 * random.nextDouble();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        List<InternalRow> sorted = new ArrayList<>();
        for (int i : order) {
            sorted.add(row("m", i, values[i], moes[i]));
        }
        List<InternalRow> out = new ArrayList<>();
        out.addAll(rank(sorted));
        for (int i = 0; i < n; i++) {
            InternalRow row = out.get(i);
            Double moe = moes[row.getInt(2)];
            if (moe == null) {
                assertThat(row.isNullAt(RANGE_MIN)).isTrue();
                continue;
            }
            int best = Integer.MAX_VALUE;
            int worst = Integer.MIN_VALUE;
            for (InternalRow other : out) {
                Double otherMoe = moes[other.getInt(2)];
                if (otherMoe != null && !differ(row.getDouble(4), moe, other.getDouble(4), otherMoe)) {
                    best = Math.min(best, other.getInt(1));
                    worst = Math.max(worst, other.getInt(1));
                }
            }
            assertThat(row.getInt(RANGE_MIN) + "-" + row.getInt(RANGE_MAX))
                    .as("row %d", i)
                    .isEqualTo(best + "-" + worst);
        }
    }

    /** Written out here, independently: Z = |X1 - X2| / sqrt(SE1^2 + SE2^2) > 1.645, SE = MOE / 1.645. */
    private static boolean differ(double x1, double moe1, double x2, double moe2) {
        double se1 = moe1 / 1.645;
        double se2 = moe2 / 1.645;
        double spread = Math.sqrt(se1 * se1 + se2 * se2);
        return spread == 0 ? x1 != x2 : Math.abs(x1 - x2) / spread > 1.645;
    }

    /**
     * Rows of {@code metric, id, name, value, moe} sorted by value, highest first, metrics mixed:
     * each metric's rows, in that order, ranked.
     */
    private static List<InternalRow> rank(List<InternalRow> sorted) {
        java.util.Map<String, List<InternalRow>> byMetric = new java.util.LinkedHashMap<>();
        sorted.forEach(row -> byMetric.computeIfAbsent(row.getUTF8String(0).toString(), m -> new ArrayList<>())
                .add(row));
        List<InternalRow> out = new ArrayList<>();
        byMetric.forEach((metric, rows) -> {
            int n = rows.size();
            int[] ids = new int[n];
            UTF8String[] names = new UTF8String[n];
            double[] values = new double[n];
            double[] moes = new double[n];
            for (int i = 0; i < n; i++) {
                InternalRow row = rows.get(i);
                ids[i] = row.getInt(1);
                names[i] = row.getUTF8String(2);
                values[i] = row.getDouble(3);
                moes[i] = row.isNullAt(4) ? Double.NaN : row.getDouble(4);
            }
            RankAssigner.emit(new RankAssigner.RankedMetric(metric, ids, names, values, moes), 7, 0, out::add);
        });
        return out;
    }

    private static InternalRow row(String metric, int id, double value, Double moe) {
        return new GenericInternalRow(
                new Object[] {UTF8String.fromString(metric), id, UTF8String.fromString("N" + id), value, moe});
    }
}
