package org.popsurvey.enricher.testing;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.popsurvey.enricher.stream.SparkSessions;

/** One local Spark session per test JVM (Spark allows one context; starting it costs seconds). */
public final class TestSpark {

    private TestSpark() {}

    public static synchronized SparkSession session() {
        return SparkSessions.create(Map.of(
                "spark.master",
                "local[2]",
                "spark.sql.shuffle.partitions",
                "4",
                "spark.ui.enabled",
                "false",
                "spark.driver.host",
                "127.0.0.1",
                "spark.driver.bindAddress",
                "127.0.0.1",
                "spark.hadoop.dfs.replication",
                "1"));
    }
}
