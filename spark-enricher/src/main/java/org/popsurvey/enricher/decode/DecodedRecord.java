package org.popsurvey.enricher.decode;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of a decoded {@code population.clean} record with its Kafka coordinates. A value that
 * cannot be decoded keeps only its coordinates, key, raw bytes and {@link #DECODE_ERROR}.
 */
public final class DecodedRecord {

    public static final String NEIGHBORHOOD_ID = "neighborhood_id";
    public static final String NEIGHBORHOOD = "neighborhood";
    public static final String POPULATION = "population";
    public static final String POPULATION_MOE = "population_moe";
    public static final String POPULATION_MOE_STATUS = "population_moe_status";
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_LINE = "source_line";
    public static final String PRODUCER_BATCH_NUMBER = "producer_batch_number";
    public static final String PRODUCER_RUN_ID = "producer_run_id";
    public static final String READ_TIMESTAMP = "read_timestamp";
    public static final String KAFKA_TOPIC = "kafka_topic";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
    public static final String KAFKA_KEY = "kafka_key";
    public static final String SCHEMA_ID = "schema_id";
    public static final String DECODE_ERROR = "decode_error";
    public static final String RAW_VALUE = "raw_value";

    public static final StructType SCHEMA = new StructType()
            .add(NEIGHBORHOOD_ID, DataTypes.IntegerType, true)
            .add(NEIGHBORHOOD, DataTypes.StringType, true)
            .add(POPULATION, DataTypes.LongType, true)
            .add(POPULATION_MOE, DataTypes.DoubleType, true)
            .add(POPULATION_MOE_STATUS, DataTypes.StringType, true)
            .add(SOURCE_FILE, DataTypes.StringType, true)
            .add(SOURCE_LINE, DataTypes.LongType, true)
            .add(PRODUCER_BATCH_NUMBER, DataTypes.IntegerType, true)
            .add(PRODUCER_RUN_ID, DataTypes.StringType, true)
            .add(READ_TIMESTAMP, DataTypes.TimestampType, true)
            .add(KAFKA_TOPIC, DataTypes.StringType, false)
            .add(KAFKA_PARTITION, DataTypes.IntegerType, false)
            .add(KAFKA_OFFSET, DataTypes.LongType, false)
            .add(KAFKA_TIMESTAMP, DataTypes.TimestampType, true)
            .add(KAFKA_KEY, DataTypes.StringType, true)
            .add(SCHEMA_ID, DataTypes.IntegerType, true)
            .add(DECODE_ERROR, DataTypes.StringType, true)
            .add(RAW_VALUE, DataTypes.BinaryType, true);

    private DecodedRecord() {}
}
