package org.popsurvey.datagen;

/**
 * One ACS estimate with its 90% margin of error. For a single-tract neighbourhood the margin is a
 * whole number; for a multi-tract one it is the square root of the tracts' summed squares.
 */
public record Measure(long estimate, double marginOfError) {

    public Measure {
        if (estimate < 0 || !(marginOfError >= 0)) {
            throw new IllegalArgumentException("Negative estimate or margin: " + estimate + ", " + marginOfError);
        }
    }
}
