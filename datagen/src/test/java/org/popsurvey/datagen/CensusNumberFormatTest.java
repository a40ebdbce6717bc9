package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CensusNumberFormatTest {

    @ParameterizedTest
    @CsvSource({
        // sqrt(k) * 10: the zero-count MOEs of k-tract neighbourhoods, as published. (Some other
        // published ones, 28.2842712474, 29.9999999999, 31.6227766016, sit just below the exact
        // root: float error in the publisher's own sums, which is not reproduced.)
        "200, 14.1421356237",
        "300, 17.3205080757",
        "400, 20.0",
        "500, 22.360679775",
        "600, 24.4948974278",
        "700, 26.4575131106",
        "1300, 36.0555127546",
        "1400, 37.4165738677",
    })
    void pythonFloatOfASquareRootMatchesThePublishedText(double square, String published) {
        assertThat(CensusNumberFormat.pythonFloat(Math.sqrt(square))).isEqualTo(published);
    }

    @ParameterizedTest
    @CsvSource({
        "449.773276218, 449.773276218",
        "47.0, 47.0",
        "2558.0, 2558.0",
        "328.05639759, 328.05639759",
        "0.5, 0.5",
        "0.000123456789012345, 0.000123456789012",
        "123456789012.4, 123456789012.0",
        "99999999999.99999, 100000000000.0",
    })
    void pythonFloatKeepsTwelveSignificantDigitsAndAlwaysAPoint(double value, String expected) {
        assertThat(CensusNumberFormat.pythonFloat(value)).isEqualTo(expected);
    }

    @Test
    void fastPythonFloatAgreesWithTheExactDecimalExpansion() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            double value = Math.sqrt(random.nextInt(1, 100_000_000)) * (random.nextBoolean() ? 1 : 97.3);
            String fast = CensusNumberFormat.pythonFloat(value);
            if (!fast.equals(CensusNumberFormat.pythonFloatExact(value))) {
                mismatches.add(value + " -> " + fast);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void pythonFloatRefusesValuesPythonWouldWriteWithAnExponent() {
        assertThatThrownBy(() -> CensusNumberFormat.pythonFloat(1e12)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CensusNumberFormat.pythonFloat(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "7490207.0432, 7490207.043",
        "25839798.5812, 25839798.58",
        "17631530.8012, 17631530.8",
        "16007126.0014, 16007126",
        "62416083.5812, 62416083.58",
        "123456789.56, 123456789.6",
        "2726332.2951, 2726332.295",
        "952341.123456, 952341.123",
    })
    void excelGeneralFitsElevenCharactersWithAtMostThreeDecimals(double value, String expected) {
        assertThat(CensusNumberFormat.excelGeneral(value)).isEqualTo(expected);
    }

    @Test
    void singleTractAndMultiTractEstimates() {
        assertThat(CensusNumberFormat.integer(1411)).isEqualTo("1411");
        assertThat(CensusNumberFormat.floatEstimate(2558)).isEqualTo("2558.0");
        assertThat(CensusNumberFormat.floatEstimate(0)).isEqualTo("0.0");
    }
}
