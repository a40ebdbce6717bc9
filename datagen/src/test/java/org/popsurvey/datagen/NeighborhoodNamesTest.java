package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeighborhoodNamesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 91, 2_000})
    void namesAreUniqueSortedPrintableAndFreeOfCommas(long count) {
        NeighborhoodNames names = new NeighborhoodNames(42, count);
        List<String> all = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            all.add(names.name(id));
        }
        assertThat(all)
                .doesNotHaveDuplicates()
                .isSorted()
                .allSatisfy(name -> assertThat(name)
                        .matches("[A-Za-z][A-Za-z .-]*[A-Za-z0-9]")
                        .doesNotContain("  "));
    }

    @Test
    void aMillionNamesAreUniqueAndSortedWithASuffixOnlyWhereTheWordListsRunOut() {
        long count = 1_000_000;
        NeighborhoodNames names = new NeighborhoodNames(42, count);
        String previous = "";
        long suffixed = 0;
        List<String> outOfOrder = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            String name = names.name(id);
            if (name.compareTo(previous) <= 0) {
                outOfOrder.add("'" + name + "' after '" + previous + "'");
            }
            if (Character.isDigit(name.charAt(name.length() - 1))) {
                suffixed++;
            }
            previous = name;
        }
        assertThat(outOfOrder).isEmpty();
        int baseNames = NameCatalog.names().size();
        assertThat(count).isGreaterThan(baseNames);
        // At most one unsuffixed name per base name.
        assertThat(count - suffixed).isLessThanOrEqualTo(baseNames);
    }

    @Test
    void fewNamesNeedNoSuffixAndSpreadOverTheAlphabet() {
        NeighborhoodNames names = new NeighborhoodNames(42, 91);
        Set<Character> initials = new HashSet<>();
        for (long id = 1; id <= 91; id++) {
            assertThat(names.name(id)).doesNotMatch(".*[0-9].*");
            initials.add(names.name(id).charAt(0));
        }
        assertThat(initials.size()).isGreaterThan(15);
    }

    @Test
    void theSeedChoosesTheNamesAndTheSameSeedTheSameNames() {
        assertThat(new NeighborhoodNames(42, 91).name(40)).isEqualTo(new NeighborhoodNames(42, 91).name(40));
        long differing = 0;
        for (long id = 1; id <= 91; id++) {
            if (!new NeighborhoodNames(42, 91).name(id).equals(new NeighborhoodNames(43, 91).name(id))) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(80);
    }

    @Test
    void qualifiersNeverStandAloneAndNoWordIsRepeated() {
        assertThat(NameCatalog.names())
                .doesNotContain("Mt.", "St.", "East", "Upper")
                .doesNotContain("Fairview View", "Westwood West", "North West", "Summit Summit")
                .contains("Mt. Hill", "Upper Hill", "Perry North", "Oakwood");
    }

    @Test
    void wordListsThatWouldBreakTheOrderAreRefused() {
        assertThatThrownBy(() -> NameCatalog.build(List.of("Squirrel Hill"), List.of("")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Squirrel Hill");
        assertThatThrownBy(() -> new NeighborhoodNames(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NeighborhoodNames(1, 5).name(6)).isInstanceOf(IllegalArgumentException.class);
    }
}
