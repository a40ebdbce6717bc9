package org.popsurvey.validator.rules;

import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.RawPopulationRow;

/**
 * Judges one decoded raw row and its record key. The {@link RecordLimits} first; within them, every
 * rule runs, so a row gets every reason it is refused, not only the first; a valid row becomes the
 * typed {@link PopulationRecord} with its lineage copied unchanged. Stateless and thread-safe.
 */
public final class RowValidator {

    /** Default of {@code --max-neighborhood-length}: the longest published name has 25 characters. */
    public static final int DEFAULT_MAX_NEIGHBORHOOD_LENGTH = 128;
    /** Largest accepted estimate and margin of error (published with the metrics as the current bounds). */
    public static final long MAX_ESTIMATE = EstimateRule.MAX_ESTIMATE;

    public static final long MAX_MARGIN_OF_ERROR = MarginOfErrorRule.MAX_MARGIN;

    private final BoundsRule bounds;
    private final CellCountRule cellCount = new CellCountRule();
    private final KeyIdRule keyId = new KeyIdRule();
    private final NeighborhoodRule neighborhood;
    private final IdRule id = new IdRule();
    private final EstimateRule estimate = new EstimateRule();
    private final MarginOfErrorRule marginOfError = new MarginOfErrorRule();

    public RowValidator(int maxNeighborhoodLength) {
        this(maxNeighborhoodLength, RecordLimits.defaults());
    }

    public RowValidator(int maxNeighborhoodLength, RecordLimits limits) {
        if (maxNeighborhoodLength < 1) {
            throw new IllegalArgumentException(
                    "max neighborhood length must be at least 1, got " + maxNeighborhoodLength);
        }
        this.neighborhood = new NeighborhoodRule(maxNeighborhoodLength);
        this.bounds = new BoundsRule(limits);
    }

    public ProcessingResult<PopulationRecord> validate(byte[] key, RawPopulationRow row) {
        Violations violations = new Violations();
        bounds.check(row, violations);
        if (!violations.isEmpty()) {
            return ProcessingResult.fail(violations.list()); // the rules below only see bounded rows
        }
        cellCount.check(row, violations);
        keyId.check(key, row.getId(), violations);
        String name = neighborhood.check(row.getNeighborhood(), violations);
        Integer idValue = id.check(row.getId(), violations);
        Long estimateValue = estimate.check(row.getEstimate(), violations);
        MarginOfErrorRule.MarginOfError margin = marginOfError.check(row.getMarginOfError(), violations);
        if (!violations.isEmpty()) {
            return ProcessingResult.fail(violations.list());
        }
        return ProcessingResult.success(PopulationRecord.newBuilder()
                .setId(idValue)
                .setNeighborhood(name)
                .setEstimate(estimateValue)
                .setMarginOfError(margin.value())
                .setMarginOfErrorStatus(margin.status())
                .setLineage(row.getLineage())
                .build());
    }
}
