package org.popsurvey.enricher.testing;

import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.popsurvey.enricher.kafka.ClientSettings;
import org.popsurvey.enricher.lock.OutputLock;
import org.popsurvey.enricher.reference.ReferenceTables;
import org.popsurvey.enricher.sink.OutputLayout;
import org.popsurvey.enricher.stream.EnrichmentJob;

/** Runs {@code enrich --once} inside the test JVM, on the shared Spark session. */
public final class InProcessEnricher {

    private InProcessEnricher() {}

    public static void runOnce(
            SparkSession spark,
            String bootstrapServers,
            String registryUrl,
            String topic,
            String referenceDir,
            String output,
            String checkpoint)
            throws Exception {
        ClientSettings clients =
                ClientSettings.from(Map.of("bootstrap.servers", bootstrapServers, "schema.registry.url", registryUrl));
        try (OutputLock lock = OutputLayout.lock(output, spark.sparkContext().hadoopConfiguration())) {
            StreamingQuery query = EnrichmentJob.start(
                    spark,
                    new EnrichmentJob.Settings(
                            clients.kafkaOptions(),
                            clients.registryConfig(),
                            topic,
                            output,
                            checkpoint,
                            Duration.ofSeconds(10),
                            true,
                            4,
                            null),
                    ReferenceTables.load(spark.sparkContext().hadoopConfiguration(), referenceDir),
                    lock);
            query.awaitTermination();
        }
    }
}
