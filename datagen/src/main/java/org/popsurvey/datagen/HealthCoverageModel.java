package org.popsurvey.datagen;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.datagen.HealthCoverageLayout.AgeBand;
import org.popsurvey.datagen.HealthCoverageLayout.CoverageGroup;
import org.popsurvey.datagen.HealthCoverageLayout.CoverageType;

/**
 * Fills the health-insurance table from the header's own structure, age band x coverage group x
 * coverage type. The total is dealt out to the leaves (every coverage type, plus each band's "No
 * health insurance coverage") as a survey sample would be ({@link SampleSplit}), and every parent
 * cell is then the sum of its children, so the table adds up exactly like the published one:
 * Total = sum of the bands, band = one type + two or more + none, group = sum of its types.
 */
final class HealthCoverageModel {

    /** Typical tract MOE / sqrt(count) for the health cells. */
    static final double MARGIN_FACTOR = 6.0;
    /** How much a row's shares wander from the typical ones (log-space sigma), per level. */
    private static final double AGE_BAND_SIGMA = 0.35;

    private static final double GROUP_SIGMA = 0.3;
    private static final double TYPE_SIGMA = 0.4;

    /** A cell with no children, and the columns its count adds up into. */
    private record Leaf(int column, int bandIndex, int bandColumn, int groupColumn, int groupIndex, double typeShare) {}

    private final HealthCoverageLayout layout;
    private final List<Leaf> leaves = new ArrayList<>();
    /** Typical group shares, [band][group within band]. */
    private final double[][] groupShares;

    HealthCoverageModel(HealthCoverageLayout layout) {
        this.layout = layout;
        List<AgeBand> bands = layout.bands();
        if (bands.size() != CoverageShares.BANDS) {
            throw new IllegalStateException(
                    "Expected " + CoverageShares.BANDS + " age bands in the health header, found " + bands.size());
        }
        groupShares = new double[bands.size()][];
        for (int b = 0; b < bands.size(); b++) {
            AgeBand band = bands.get(b);
            groupShares[b] = new double[band.groups().size()];
            for (int g = 0; g < band.groups().size(); g++) {
                CoverageGroup group = band.groups().get(g);
                groupShares[b][g] = CoverageShares.group(group.kind(), b);
                if (group.types().isEmpty()) {
                    leaves.add(new Leaf(group.column(), b, band.column(), -1, g, 1.0));
                }
                for (CoverageType type : group.types()) {
                    leaves.add(new Leaf(
                            type.column(), b, band.column(), group.column(), g, CoverageShares.type(type.label(), b)));
                }
            }
        }
    }

    /**
     * @param total the civilian noninstitutionalized population and its MOE ("Total:")
     */
    HealthCoverage generate(Measure total, RandomDraws random, MarginOfErrorModel margins) {
        long[] estimates = new long[layout.columns()];
        double[] moes = new double[layout.columns()];
        long[] leafCounts = SampleSplit.split(total.estimate(), leafShares(random), random);
        for (int i = 0; i < leafCounts.length; i++) {
            Leaf leaf = leaves.get(i);
            estimates[leaf.column()] += leafCounts[i];
            if (leaf.groupColumn() >= 0) {
                estimates[leaf.groupColumn()] += leafCounts[i];
            }
            estimates[leaf.bandColumn()] += leafCounts[i];
            estimates[layout.totalColumn()] += leafCounts[i];
        }
        for (int column = 0; column < estimates.length; column++) {
            moes[column] = column == layout.totalColumn()
                    ? total.marginOfError()
                    : margins.count(estimates[column], MARGIN_FACTOR).marginOfError();
        }
        return new HealthCoverage(estimates, moes);
    }

    /** This row's share of each leaf: typical shares with per-row noise, normalised level by level. */
    private double[] leafShares(RandomDraws random) {
        double[] band = normalised(noisy(CoverageShares.AGE_BAND, AGE_BAND_SIGMA, random));
        double[][] group = new double[groupShares.length][];
        for (int b = 0; b < groupShares.length; b++) {
            group[b] = normalised(noisy(groupShares[b], GROUP_SIGMA, random));
        }
        double[] type = new double[leaves.size()];
        double[][] typeSums = new double[groupShares.length][];
        for (int b = 0; b < groupShares.length; b++) {
            typeSums[b] = new double[groupShares[b].length];
        }
        for (int i = 0; i < type.length; i++) {
            Leaf leaf = leaves.get(i);
            type[i] = leaf.groupColumn() < 0 ? 1.0 : random.logNormal(leaf.typeShare(), TYPE_SIGMA);
            typeSums[leaf.bandIndex()][leaf.groupIndex()] += type[i];
        }
        double[] shares = new double[leaves.size()];
        for (int i = 0; i < shares.length; i++) {
            Leaf leaf = leaves.get(i);
            shares[i] = band[leaf.bandIndex()]
                    * group[leaf.bandIndex()][leaf.groupIndex()]
                    * type[i]
                    / typeSums[leaf.bandIndex()][leaf.groupIndex()];
        }
        return shares;
    }

    private static double[] noisy(double[] typical, double sigma, RandomDraws random) {
        double[] values = new double[typical.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.logNormal(typical[i], sigma);
        }
        return values;
    }

    private static double[] normalised(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= sum;
        }
        return values;
    }
}
