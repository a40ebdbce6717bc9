package org.popsurvey.enricher.moe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Bureau's formulas against reference values worked out by hand (each derivation is in the
 * comment), in the same argument order as R tidycensus' moe_prop(num, denom, moe_num, moe_denom),
 * moe_ratio(...), moe_product(est1, est2, moe1, moe2) and moe_sum(moe, estimate).
 */
class MoeTest {

    private static final double EPS = 1e-9;

    @Test
    void proportionUsesTheSubsetFormula() {
        // moe_prop(25, 100, 5, 3): p = 0.25; 5^2 - 0.25^2 * 3^2 = 25 - 0.5625 = 24.4375;
        // sqrt(24.4375) / 100 = 0.04943429983...
        assertThat(Moe.proportionMoe(25.0, 100.0, 5.0, 3.0)).isCloseTo(0.0494342998, within(1e-10));
    }

    @Test
    void proportionWithNegativeRadicandFallsBackToTheRatioFormula() {
        // moe_prop(90, 100, 5, 10): p = 0.9; 25 - 0.81 * 100 = -56 < 0, so the ratio formula:
        // sqrt(25 + 0.81 * 100) / 100 = sqrt(106) / 100 = 0.10295630140987...
        assertThat(Moe.proportionMoe(90.0, 100.0, 5.0, 10.0)).isCloseTo(0.1029563014, within(1e-10));
        assertThat(Moe.proportionMoe(90.0, 100.0, 5.0, 10.0)).isEqualTo(Moe.ratioMoe(90.0, 100.0, 5.0, 10.0));
    }

    @Test
    void proportionOfTheRealSelfEmploymentRateOfAlleghenyCenter() {
        // self-employment file, Id 1: 36 (MOE 25) of 870 households (MOE 93).
        // p = 36/870 = 0.0413793103; 25^2 - p^2 * 93^2 = 625 - 0.00171225 * 8649 = 610.1907...;
        // sqrt(610.190844...) / 870 = 0.0283930...
        double p = 36.0 / 870.0;
        double expected = Math.sqrt(625 - p * p * 8649) / 870;
        assertThat(expected).isCloseTo(0.028393, within(1e-6));
        assertThat(Moe.proportionMoe(36.0, 870.0, 25.0, 93.0)).isCloseTo(expected, within(EPS));
    }

    @Test
    void ratio() {
        // moe_ratio(1000, 50, 100, 5): R = 20; sqrt(100^2 + 20^2 * 5^2) / 50 = sqrt(20000) / 50 = 2.8284271247...
        assertThat(Moe.ratioMoe(1000.0, 50.0, 100.0, 5.0)).isCloseTo(2.8284271247, within(1e-10));
        assertThat(Moe.ratio(1000.0, 50.0)).isEqualTo(20.0);
    }

    @Test
    void ratioOfTheRealMeanHouseholdIncomeOfAlleghenyCenter() {
        // Id 1: aggregate income 39,947,000 (MOE 6,437,773) over 870 households (MOE 93).
        // mean = 45916.0919540...; sqrt(6437773^2 + 45916.09^2 * 93^2) / 870
        //      = sqrt(4.14449e13 + 1.82347e13) / 870 = sqrt(5.96796e13) / 870 = 8879.6...
        assertThat(Moe.ratio(39_947_000.0, 870.0)).isCloseTo(45916.091954, within(1e-6));
        assertThat(Moe.ratioMoe(39_947_000.0, 870.0, 6_437_773.0, 93.0)).isCloseTo(8879.6, within(0.1));
    }

    @Test
    void product() {
        // moe_product(0.25, 1000, 0.05, 40): sqrt(0.25^2 * 40^2 + 1000^2 * 0.05^2) = sqrt(100 + 2500) = 50.990195135...
        assertThat(Moe.productMoe(0.25, 1000.0, 0.05, 40.0)).isCloseTo(50.9901951359, within(1e-9));
    }

    @Test
    void unknownInputsAndZeroDenominatorsGiveNullNeverZeroOrNaN() {
        assertThat(Moe.ratio(null, 3.0)).isNull();
        assertThat(Moe.ratio(5.0, 0.0)).isNull();
        assertThat(Moe.ratioMoe(5.0, 0.0, 1.0, 1.0)).isNull();
        assertThat(Moe.ratioMoe(5.0, 3.0, null, 1.0)).isNull();
        assertThat(Moe.proportionMoe(0.0, 0.0, 10.0, 10.0)).isNull();
        assertThat(Moe.proportionMoe(1.0, 2.0, 1.0, null)).isNull();
        assertThat(Moe.productMoe(null, 2.0, 1.0, 1.0)).isNull();
        assertThat(Moe.productMoe(Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, 1.0))
                .isNull();
        assertThat(Moe.sum(1L, null, 3L)).isNull();
        assertThat(Moe.sum(1L, 2L, 3L)).isEqualTo(6L);
    }

    @Test
    void sumIsTheRootOfTheSumOfSquares() {
        // Allegheny Center + Allegheny West populations: MOEs 196 and 96; sqrt(38416 + 9216) = sqrt(47632) =
        // 218.2475658...
        assertThat(MoeSum.of(1411.0, 196.0, 343.0, 96.0)).isCloseTo(218.2475658, within(1e-7));
    }

    @Test
    void sumCountsOnlyTheLargestMoeOfTheZeroEstimates() {
        // Bureau example groups (ACS data users' forum, after the 2016 MOE training, slide 26):
        // estimates 36, 0, 0, 0 with MOEs 56, 25, 28, 31 -> sqrt(56^2 + 31^2) = sqrt(4097) = 64.00781202...
        assertThat(MoeSum.of(36.0, 56.0, 0.0, 25.0, 0.0, 28.0, 0.0, 31.0)).isCloseTo(64.0078120232, within(1e-9));
        // all zero: 0, 0, 0 with MOEs 27, 19, 22 -> 27
        assertThat(MoeSum.of(0.0, 27.0, 0.0, 19.0, 0.0, 22.0)).isEqualTo(27.0);
        // Chateau's four uninsured age bands are all 0 with MOE 10 -> 10 (tidycensus moe_sum gives 10 too:
        // unique(c(10, 10, 10, 10)) = 10).
        assertThat(MoeSum.of(0.0, 10.0, 0.0, 10.0, 0.0, 10.0, 0.0, 10.0)).isEqualTo(10.0);
        // Allegheny Center's uninsured bands: 62 (73), 69 (46), 31 (28), 0 (10):
        // sqrt(73^2 + 46^2 + 28^2 + 10^2) = sqrt(5329 + 2116 + 784 + 100) = sqrt(8329) = 91.2633551...
        assertThat(MoeSum.of(62.0, 73.0, 69.0, 46.0, 31.0, 28.0, 0.0, 10.0)).isCloseTo(91.2633551, within(1e-7));
    }

    @Test
    void sumWithDifferentZeroEstimateMoesFollowsTheBureauNotTidycensusUnique() {
        // 0 (10), 5 (8), 0 (12), 3 (4): the Bureau keeps only 12 -> sqrt(64 + 16 + 144) = sqrt(224) = 14.9666295...
        // tidycensus moe_sum keeps unique(c(10, 12)) -> sqrt(100 + 144 + 64 + 16) = 18: documented deviation.
        assertThat(MoeSum.of(0.0, 10.0, 5.0, 8.0, 0.0, 12.0, 3.0, 4.0)).isCloseTo(14.9666295471, within(1e-9));
    }

    @Test
    void sumWithAnUnknownPartIsUnknown() {
        assertThat(MoeSum.of(5.0, null, 3.0, 4.0)).isNull();
        assertThat(MoeSum.of(null, 1.0)).isNull();
        assertThat(MoeSum.of()).isNull();
        // A controlled part (MOE 0) is known, not unknown.
        assertThat(MoeSum.of(5.0, 0.0, 3.0, 4.0)).isEqualTo(4.0);
    }

    @Test
    void mergedPartialSumsEqualOneSum() {
        MoeSum left = new MoeSum().add(36.0, 56.0).add(0.0, 25.0);
        MoeSum right = new MoeSum().add(0.0, 31.0).add(0.0, 28.0);
        assertThat(left.merge(right).result()).isEqualTo(MoeSum.of(36.0, 56.0, 0.0, 25.0, 0.0, 31.0, 0.0, 28.0));
    }
}
