package org.popsurvey.enricher.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.popsurvey.enricher.testing.TestSpark;

/** Against Spark's real hash partitioning: each touched bucket gets a partition of its own. */
class BucketSpreadTest {

    @Test
    void everyTouchedBucketLandsAloneInItsOwnPartition() {
        SparkSession spark = TestSpark.session();
        int buckets = 7;
        List<Integer> touched = List.of(0, 2, 3, 5, 6);
        Dataset<Row> rows = spark.range(0, 2_000)
                .toDF("id")
                .withColumn("bucket", pmod(col("id"), lit(buckets)).cast("int"))
                .filter(col("bucket").isin(touched.toArray()));
        Dataset<Row> spread = rows.repartition(touched.size(), BucketSpread.key(col("bucket"), touched, buckets))
                .select(spark_partition_id().as("partition"), col("bucket"));

        Map<Integer, Set<Integer>> bucketsByPartition = new TreeMap<>();
        for (Row row : spread.distinct().collectAsList()) {
            bucketsByPartition
                    .computeIfAbsent(row.getInt(0), p -> new TreeSet<>())
                    .add(row.getInt(1));
        }
        assertThat(bucketsByPartition).hasSize(touched.size());
        assertThat(bucketsByPartition.values())
                .allSatisfy(set -> assertThat(set).hasSize(1));
        assertThat(bucketsByPartition.values().stream().flatMap(Set::stream).toList())
                .containsExactlyInAnyOrderElementsOf(touched);
    }
}
