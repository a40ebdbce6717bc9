package org.popsurvey.enricher.sink;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The city-wide tables computed from a new state of {@code neighborhoods/}, by name. Each is built
 * when the sink asks for it, and the sink asks for all of them at once: tables that do not depend
 * on each other are computed by concurrent Spark jobs.
 */
@FunctionalInterface
public interface MetricTables {

    Map<String, Supplier<Dataset<Row>>> of(Dataset<Row> neighborhoods, long batchId);
}
