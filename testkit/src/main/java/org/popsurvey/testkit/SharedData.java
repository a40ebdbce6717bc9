package org.popsurvey.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The original ACS 2015 files, which live beside the checkout in {@code ../shared/data/acs2015}
 * and are never copied into the repository. A test that needs them fails under {@code CI=true}
 * when they are missing (CI must not go green without them) and is skipped elsewhere.
 */
public final class SharedData {

    /** Overrides the search, for running the tests against another copy. */
    public static final String DIRECTORY_PROPERTY = "popsurvey.acs2015.dir";

    private SharedData() {}

    /** The folder holding the four original CSVs. */
    public static Path acs2015() {
        String override = System.getProperty(DIRECTORY_PROPERTY);
        if (override != null) {
            return require(Path.of(override));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/acs2015");
            if (Files.isRegularFile(candidate.resolve("total-population.csv"))) {
                return candidate;
            }
        }
        return require(Path.of("../shared/data/acs2015"));
    }

    /** One of the original files, by its published name. */
    public static Path acs2015(String fileName) {
        return require(acs2015().resolve(fileName));
    }

    private static Path require(Path path) {
        if (Files.exists(path)) {
            return path;
        }
        String message = "Real ACS data not found at " + path.toAbsolutePath()
                + " (expected ../shared/data/acs2015 beside the checkout, or -D" + DIRECTORY_PROPERTY + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return path;
    }
}
