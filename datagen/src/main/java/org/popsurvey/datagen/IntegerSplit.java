package org.popsurvey.datagen;

import java.util.Arrays;

/**
 * Splits a whole number into parts proportional to weights, so the parts add up exactly
 * (largest remainder method; ties go to the earlier part). This is what keeps every parent cell
 * equal to the sum of its children.
 */
final class IntegerSplit {

    /** Remainders are compared at this many bits; the low bits of a sort key hold the part index. */
    private static final int REMAINDER_BITS = 40;

    private static final int INDEX_BITS = 16;
    private static final int MAX_PARTS = 1 << INDEX_BITS;

    private IntegerSplit() {}

    static long[] split(long total, double[] weights) {
        if (weights.length == 0 || weights.length > MAX_PARTS) {
            throw new IllegalArgumentException("Cannot split into " + weights.length + " parts");
        }
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        long[] parts = new long[weights.length];
        if (sum <= 0) {
            parts[0] = total; // nothing to go by: all in the first part
            return parts;
        }
        // One sortable long per part: remainder in the high bits, then the inverted index, so an
        // ascending sort puts the largest remainders (earliest part first among equals) last.
        long[] keys = new long[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * (weights[i] / sum);
            parts[i] = (long) exact;
            assigned += parts[i];
            long remainder = (long) ((exact - parts[i]) * (1L << REMAINDER_BITS));
            keys[i] = (remainder << INDEX_BITS) | (MAX_PARTS - 1 - i);
        }
        long left = total - assigned;
        if (left > 0) {
            Arrays.sort(keys);
            for (int k = keys.length - 1; left > 0; k = k == 0 ? keys.length - 1 : k - 1, left--) {
                parts[(int) (MAX_PARTS - 1 - (keys[k] & (MAX_PARTS - 1)))]++;
            }
        }
        return parts;
    }
}
