package org.popsurvey.enricher.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popsurvey.enricher.testing.TestSpark;

/** Whatever the sizes, the batch meets the same profiles; only the plan differs. */
class ProfileSideTest {

    private static SparkSession spark;
    private static Dataset<Row> profiles;
    private static Dataset<Row> latest;

    @BeforeAll
    static void data() {
        spark = TestSpark.session();
        List<Row> profileRows = new ArrayList<>();
        for (int id = 1; id <= 50; id++) {
            profileRows.add(RowFactory.create(id, id * 10L));
        }
        profiles = spark.createDataFrame(profileRows, new StructType()
                .add("neighborhood_id", DataTypes.IntegerType, false).add("households", DataTypes.LongType, true));
        latest = spark.createDataFrame(List.of(RowFactory.create(3, 30L), RowFactory.create(7, 70L),
                RowFactory.create(500, 5L)), new StructType()
                .add("neighborhood_id", DataTypes.IntegerType, false).add("population", DataTypes.LongType, true));
    }

    @Test
    void aSmallTableIsBroadcastWhole() {
        Dataset<Row> joined = join(ProfileSide.forBatch(profiles, 50, latest, 3, 100));
        assertThat(plan(joined)).contains("BroadcastHashJoin");
        assertThat(rows(joined)).isEqualTo(expected());
    }

    @Test
    void aSmallBatchOfALargeTableBroadcastsOnlyItsOwnProfiles() {
        Dataset<Row> joined = join(ProfileSide.forBatch(profiles, 50, latest, 3, 10));
        assertThat(plan(joined)).contains("BroadcastHashJoin").contains("LeftSemi");
        assertThat(rows(joined)).isEqualTo(expected());
    }

    @Test
    void aLargeBatchOfALargeTableIsHashJoinedPartitionByPartition() {
        Dataset<Row> joined = join(ProfileSide.forBatch(profiles, 50, latest, 30, 10));
        assertThat(plan(joined)).contains("ShuffledHashJoin").doesNotContain("SortMergeJoin");
        assertThat(rows(joined)).isEqualTo(expected());
    }

    private static Dataset<Row> join(Dataset<Row> reference) {
        return latest.join(reference, latest.col("neighborhood_id").equalTo(reference.col("neighborhood_id")), "left")
                .select(latest.col("neighborhood_id"), reference.col("households"));
    }

    private static String plan(Dataset<Row> joined) {
        return joined.queryExecution().executedPlan().toString();
    }

    private static TreeMap<Integer, Long> rows(Dataset<Row> joined) {
        TreeMap<Integer, Long> result = new TreeMap<>();
        joined.collectAsList().forEach(row -> result.put(row.getInt(0), row.isNullAt(1) ? null : row.getLong(1)));
        return result;
    }

    private static TreeMap<Integer, Long> expected() {
        TreeMap<Integer, Long> expected = new TreeMap<>();
        expected.put(3, 30L);
        expected.put(7, 70L);
        expected.put(500, null);
        return expected;
    }
}
