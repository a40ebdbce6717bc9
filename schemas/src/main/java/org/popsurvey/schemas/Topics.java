package org.popsurvey.schemas;

/** Default topic names. Every command takes the name as an option; these are the defaults. */
public final class Topics {

    /** Raw rows as produced, one {@link RawPopulationRow} per CSV line, keyed by the Id cell's text. */
    public static final String RAW = "population.raw";

    /** Validated rows, one {@link PopulationRecord} per accepted line, keyed by the Id. */
    public static final String CLEAN = "population.clean";

    /** Rejected rows: the original raw value bytes, with the reasons in headers. */
    public static final String DEAD_LETTER = "population.dlq";

    private Topics() {}
}
