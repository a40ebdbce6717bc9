package org.popsurvey.enricher.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.popsurvey.cli.RefusedSettings;

/**
 * The job's Spark session. Under {@code spark-submit} the master and resources come from the
 * submit command; only when no master is set (the {@code ./popsurvey enrich} launcher, tests) does
 * it run {@code local[*]}, bound to 127.0.0.1 with the UI off.
 */
public final class SparkSessions {

    public static final String APP_NAME = "popsurvey-enrich";
    static final String MASTER = "spark.master";
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    static final String HADOOP_PREFIX = "spark.hadoop.";
    /** Hadoop's setting naming the class of the {@code file:} file system. */
    static final String LOCAL_FILE_SYSTEM = "fs.file.impl";

    private SparkSessions() {}

    public static SparkSession create(Map<String, String> overrides) {
        return SparkSession.builder().config(conf(overrides)).getOrCreate();
    }

    /**
     * Refuses (exit 2, naming it) a setting of {@link RefusedSettings}'s table given with
     * {@code --spark-conf} or anywhere else in the Spark configuration the job would run with
     * ({@code spark-submit --conf}, {@code spark-defaults.conf}).
     */
    public static void refuseUnsafeSettings(Map<String, String> overrides) {
        RefusedSettings.check(overrides, "--spark-conf");
        Map<String, String> all = new LinkedHashMap<>();
        for (scala.Tuple2<String, String> entry : conf(overrides).getAll()) {
            all.put(entry._1(), entry._2());
        }
        RefusedSettings.check(all, "the Spark configuration (spark-submit --conf or spark-defaults.conf)");
    }

    /**
     * The Hadoop settings the session will have ({@code spark.hadoop.*} over the defaults and the
     * classpath's {@code *-site.xml}), before it exists: the reference tables load while Spark starts.
     */
    public static Configuration hadoopConfiguration(Map<String, String> overrides) {
        Configuration hadoop = new Configuration();
        for (scala.Tuple2<String, String> entry : conf(overrides).getAllWithPrefix(HADOOP_PREFIX)) {
            hadoop.set(entry._1(), entry._2());
        }
        return hadoop;
    }

    private static SparkConf conf(Map<String, String> overrides) {
        SparkConf conf = new SparkConf(true).setAppName(APP_NAME);
        // Parquet that every reader understands: INT64 microsecond timestamps, not legacy INT96.
        conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.set("spark.sql.parquet.compression.codec", "snappy");
        conf.set("spark.sql.session.timeZone", "UTC");
        // What the job caches (each micro-batch's decoded records) is read back a few times and
        // dropped; compressing it costs more than it saves: Spark gathers dictionary statistics
        // value by value in boxed hash maps.
        conf.setIfMissing("spark.sql.inMemoryColumnarStorage.compressed", "false");
        // Counters of the streaming source are enough; Spark's own progress log line is noisy.
        conf.set("spark.sql.streaming.metricsEnabled", "true");
        if (!conf.contains(MASTER)) {
            conf.setMaster("local[*]");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
            // Hadoop's local file system forks a chmod process per file it creates (no native library here).
            conf.setIfMissing(HADOOP_PREFIX + LOCAL_FILE_SYSTEM, NioPermissionsLocalFileSystem.class.getName());
            // Micro-batches are small; 200 shuffle tasks per batch would dominate their time.
            conf.setIfMissing(
                    SHUFFLE_PARTITIONS,
                    Integer.toString(2 * Runtime.getRuntime().availableProcessors()));
        }
        overrides.forEach(conf::set);
        return conf;
    }
}
