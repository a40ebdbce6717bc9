package org.popsurvey.datagen;

import java.util.SplittableRandom;

/**
 * The random draws one neighbourhood's values are made of. Each (seed, id, part) gets its own
 * generator, so any neighbourhood can be produced on its own, the four tables agree, and a caller
 * who needs only the population row never pays for the 66 health cells. Transcendental functions go through {@link StrictMath} so the same seed gives the
 * same bytes on every JVM and CPU ({@link Math#exp} may differ in the last bit between platforms).
 */
final class RandomDraws {

    /** Independent streams per part of a neighbourhood. */
    enum Part {
        /** Kind, tracts, population: what every table needs. */
        CORE,
        HEALTH,
        HOUSEHOLDS
    }

    private final SplittableRandom random;

    RandomDraws(long seed, long id, Part part) {
        this.random = new SplittableRandom(mix(mix(mix(seed) + id) + part.ordinal()));
    }

    /** Uniform in [low, high). */
    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** Uniform integer in [low, high], both ends included. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /**
     * Approximately standard normal: the sum of 12 uniforms minus 6 (Irwin-Hall). Tails stop at
     * +-6, which suits noise on shares, and it needs no logarithm: several times faster than
     * Box-Muller through StrictMath, and bit-identical everywhere.
     */
    double gaussian() {
        double sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += random.nextDouble();
        }
        return sum - 6.0;
    }

    /** Log-normal with the given median and log-space standard deviation. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Picks an index with probability proportional to {@code weights[i]}. */
    int weightedIndex(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /**
     * Multinomial counts: {@code trials} draws, each landing in slot i with probability
     * proportional to {@code weights[i]}.
     */
    double[] multinomial(int trials, double[] weights) {
        double[] cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            cumulative[i] = total;
        }
        double[] counts = new double[weights.length];
        for (int trial = 0; trial < trials; trial++) {
            double target = random.nextDouble() * total;
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) { // first slot whose cumulative weight exceeds the target
                int middle = (low + high) >>> 1;
                if (cumulative[middle] > target) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            counts[low]++;
        }
        return counts;
    }

    /** MurmurHash3's 64-bit finalizer: spreads nearby seeds and ids over the whole long range. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
