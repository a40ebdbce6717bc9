package org.popsurvey.datagen;

import java.util.ArrayList;
import java.util.List;
import org.popsurvey.schemas.SourceFile;

/**
 * The tree hidden in the health-insurance header: Total, then four age bands, each split into
 * coverage groups (one type / two or more / none), the first two split again into coverage types.
 * It is read from {@link SourceFile#header()} rather than retyped, so the published irregularities
 * (7 two-or-more types for 35-64, no Medicaid-only column for 65+, the missing ':' in the 65+
 * group) come along by themselves.
 *
 * <p>Columns are numbered 0..65 in header order; measure {@code c} is written in header cells
 * {@code 2 + 2c} (estimate) and {@code 3 + 2c} (margin of error).
 */
public final class HealthCoverageLayout {

    static final String ESTIMATE_PREFIX = "Estimate; ";
    static final String MARGIN_PREFIX = "Margin of Error; ";
    static final String LEVEL_SEPARATOR = " - ";
    static final String TOTAL_LABEL = "Total";
    /** Header cells before the measures: Neighborhood, Id. */
    static final int LEADING_CELLS = 2;

    private static final HealthCoverageLayout PUBLISHED = parse(SourceFile.HEALTH_INSURANCE_BY_AGE.header());

    /** A coverage type inside a group, e.g. "With Medicare coverage only". */
    public record CoverageType(String label, int column) {}

    /** One type / two or more / none, with its coverage types (none has no children). */
    public record CoverageGroup(String label, int column, CoverageKind kind, List<CoverageType> types) {}

    /** An age band and its coverage groups. */
    public record AgeBand(String label, int column, List<CoverageGroup> groups) {}

    /** Which of the three coverage groups a header label names. */
    public enum CoverageKind {
        ONE_TYPE("With one type"),
        TWO_OR_MORE("With two or more types"),
        NONE("No health insurance");

        private final String labelPrefix;

        CoverageKind(String labelPrefix) {
            this.labelPrefix = labelPrefix;
        }

        static CoverageKind of(String label) {
            for (CoverageKind kind : values()) {
                if (label.startsWith(kind.labelPrefix)) {
                    return kind;
                }
            }
            throw new IllegalStateException("Unknown health coverage group in header: " + label);
        }
    }

    private final List<String> labels;
    private final List<AgeBand> bands;

    private HealthCoverageLayout(List<String> labels, List<AgeBand> bands) {
        this.labels = List.copyOf(labels);
        this.bands = List.copyOf(bands);
    }

    /** The layout of the published {@code types-of-health-insurance-coverage-by-age.csv}. */
    public static HealthCoverageLayout published() {
        return PUBLISHED;
    }

    /** Number of estimate/margin pairs (66). */
    public int columns() {
        return labels.size();
    }

    /** The header label of a column without the "Estimate; " prefix. */
    public String label(int column) {
        return labels.get(column);
    }

    /** Column of "Total:", which equals the sum of the band totals. */
    public int totalColumn() {
        return 0;
    }

    public List<AgeBand> bands() {
        return bands;
    }

    static HealthCoverageLayout parse(List<String> header) {
        int pairs = (header.size() - LEADING_CELLS) / 2;
        if (header.size() != LEADING_CELLS + 2 * pairs) {
            throw new IllegalStateException("Health header has an odd number of measure cells: " + header.size());
        }
        List<String> labels = new ArrayList<>(pairs);
        List<AgeBand> bands = new ArrayList<>();
        List<CoverageGroup> groups = null;
        List<CoverageType> types = null;
        for (int column = 0; column < pairs; column++) {
            String label = measureLabel(header, column);
            labels.add(label);
            String[] path = label.split(LEVEL_SEPARATOR);
            if (column == 0) {
                requireLabel(path.length == 1 && TOTAL_LABEL.equals(stripColon(path[0])), label);
            } else if (path.length == 1) {
                groups = new ArrayList<>();
                bands.add(new AgeBand(stripColon(path[0]), column, groups));
            } else if (path.length == 2) {
                requireLabel(groups != null, label);
                types = new ArrayList<>();
                String groupLabel = stripColon(path[1]);
                groups.add(new CoverageGroup(groupLabel, column, CoverageKind.of(groupLabel), types));
            } else {
                requireLabel(path.length == 3 && types != null, label);
                types.add(new CoverageType(path[2], column));
            }
        }
        List<AgeBand> frozen = new ArrayList<>();
        for (AgeBand band : bands) {
            List<CoverageGroup> frozenGroups = new ArrayList<>();
            for (CoverageGroup group : band.groups()) {
                frozenGroups.add(
                        new CoverageGroup(group.label(), group.column(), group.kind(), List.copyOf(group.types())));
            }
            frozen.add(new AgeBand(band.label(), band.column(), List.copyOf(frozenGroups)));
        }
        return new HealthCoverageLayout(labels, frozen);
    }

    private static String measureLabel(List<String> header, int column) {
        String estimate = header.get(LEADING_CELLS + 2 * column);
        String margin = header.get(LEADING_CELLS + 2 * column + 1);
        if (!estimate.startsWith(ESTIMATE_PREFIX)) {
            throw new IllegalStateException("Expected an \"Estimate; \" header cell, found: " + estimate);
        }
        String label = estimate.substring(ESTIMATE_PREFIX.length());
        if (!margin.equals(MARGIN_PREFIX + label)) {
            throw new IllegalStateException(
                    "Header cell after \"" + estimate + "\" should be its margin of error, found: " + margin);
        }
        return label;
    }

    private static void requireLabel(boolean condition, String label) {
        if (!condition) {
            throw new IllegalStateException("Unexpected nesting in health header label: " + label);
        }
    }

    private static String stripColon(String part) {
        return part.endsWith(":") ? part.substring(0, part.length() - 1) : part;
    }
}
