package org.popsurvey.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntegerSplitTest {

    @Test
    void partsAddUpExactlyAndStayWithinOneOfTheirExactShare() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> off = new ArrayList<>();
        for (int trial = 0; trial < 5_000; trial++) {
            double[] weights = new double[random.nextInt(1, 60)];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = random.nextDouble() < 0.3 ? 0 : random.nextDouble() * 100;
            }
            weights[0] += 1e-3; // at least one positive weight
            long total = random.nextLong(0, 1_000_000);
            long[] parts = IntegerSplit.split(total, weights);
            double sum = Arrays.stream(weights).sum();
            assertThat(Arrays.stream(parts).sum()).isEqualTo(total);
            for (int i = 0; i < parts.length; i++) {
                double exact = total * weights[i] / sum;
                if (Math.abs(parts[i] - exact) > 1) {
                    off.add(total + " x " + weights[i] + "/" + sum + " -> " + parts[i]);
                }
            }
        }
        assertThat(off).isEmpty();
    }

    @Test
    void largestRemaindersGetTheLeftoversAndTiesGoToTheEarlierPart() {
        assertThat(IntegerSplit.split(10, new double[] {1, 1, 1})).containsExactly(4, 3, 3);
        assertThat(IntegerSplit.split(7, new double[] {0.1, 0.5, 0.4})).containsExactly(1, 3, 3);
        assertThat(IntegerSplit.split(5, new double[] {0, 0})).containsExactly(5, 0);
        assertThat(IntegerSplit.split(0, new double[] {2, 3})).containsExactly(0, 0);
    }
}
