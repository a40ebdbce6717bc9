package org.popsurvey.enricher.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceFile;

/**
 * Versions of the 91 real neighborhoods whose estimate encodes the version ({@code 100000 * (v + 1) + id}),
 * so the latest is recognisable in the output; and the output read back with a plain Parquet reader.
 */
public final class Versions {

    public static final int NEIGHBORHOODS = 91;

    private Versions() {}

    public static long estimate(int version, int id) {
        return 100_000L * (version + 1) + id;
    }

    public static List<PopulationRecord> version(int version) throws Exception {
        List<PopulationRecord> records = new ArrayList<>();
        for (PopulationRecord real : CleanTopic.realRecords(AcsData.file(SourceFile.TOTAL_POPULATION))) {
            records.add(CleanTopic.record(
                    real.getId(),
                    real.getNeighborhood(),
                    estimate(version, real.getId()),
                    10.0 + version,
                    MarginOfErrorStatus.MEASURED,
                    real.getLineage().getLineNumber()));
        }
        return records;
    }

    /**
     * Population by Id in {@code output}/neighborhoods as a plain reader sees it; an Id in two
     * rows is an {@link AssertionError}.
     */
    public static Map<Integer, Long> populationById(Configuration conf, String output) {
        Map<Integer, Long> population = new HashMap<>();
        for (Group row : PlainParquet.readFolder(conf, output + "/neighborhoods")) {
            int id = row.getInteger("neighborhood_id", 0);
            if (population.put(id, row.getLong("population", 0)) != null) {
                throw new AssertionError("neighborhood " + id + " twice in " + output);
            }
        }
        return population;
    }

    /** True when every neighborhood is in {@code output} exactly once, at {@code version}. */
    public static boolean allAt(Configuration conf, String output, int version) {
        try {
            Map<Integer, Long> population = populationById(conf, output);
            if (population.size() != NEIGHBORHOODS) {
                return false;
            }
            for (int id = 1; id <= NEIGHBORHOODS; id++) {
                if (!Long.valueOf(estimate(version, id)).equals(population.get(id))) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false; // a file replaced while being read: look again
        }
    }
}
