package org.popsurvey.enricher.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.enricher.testing.TestSpark;

/** A table written on the driver is the file a Spark job writes: same Parquet schema, footer and values. */
class DriverParquetWriterTest {

    private static final Configuration CONF = new Configuration();
    private static final StructType SCHEMA = new StructType()
            .add("metric", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("value", DataTypes.DoubleType, true)
            .add("count", DataTypes.LongType, true)
            .add("names", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("differs", DataTypes.BooleanType, true)
            .add("computed_at", DataTypes.TimestampType, false);
    private static final Timestamp AT = Timestamp.valueOf("2026-12-02 16:45:01.123456");

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
    }

    @Test
    void aTableWrittenOnTheDriverHasTheSchemaFooterAndValuesOfOneSparkWrote() throws Exception {
        List<Row> rows = List.of(
                RowFactory.create("population", 1, 1234.5, 7L, scala(List.of("A", "B")), true, AT),
                RowFactory.create("population", 2, null, null, scala(List.of()), null, AT));
        org.apache.hadoop.fs.Path driverFile = new org.apache.hadoop.fs.Path(
                dir.resolve("driver.snappy.parquet").toUri());
        DriverParquetWriter.write(spark, driverFile, DriverParquetWriter.Table.of(SCHEMA, rows));
        String sparkFolder = dir.resolve("spark").toString();
        spark.createDataFrame(rows, SCHEMA)
                .coalesce(1)
                .write()
                .options(ParquetWriteOptions.forSchema(SCHEMA))
                .parquet(sparkFolder);
        String sparkFile =
                sparkFolder + "/" + PlainParquet.parquetFiles(CONF, sparkFolder).get(0);

        ParquetMetadata driver = footer(driverFile);
        ParquetMetadata bySpark = footer(new org.apache.hadoop.fs.Path(sparkFile));
        assertThat(driver.getFileMetaData().getSchema())
                .isEqualTo(bySpark.getFileMetaData().getSchema());
        Map<String, String> driverMetadata = driver.getFileMetaData().getKeyValueMetaData();
        assertThat(driverMetadata)
                .containsKey("org.apache.spark.version")
                .isEqualTo(bySpark.getFileMetaData().getKeyValueMetaData());
        assertThat(driver.getBlocks().get(0).getColumns().get(0).getCodec())
                .isEqualTo(bySpark.getBlocks().get(0).getColumns().get(0).getCodec())
                .hasToString("SNAPPY");

        List<Row> readBack = spark.read().parquet(driverFile.toString()).collectAsList();
        assertThat(readBack)
                .containsExactlyElementsOf(spark.read().parquet(sparkFile).collectAsList());
        assertThat(readBack.get(0).getTimestamp(6)).isEqualTo(AT);
        assertThat(readBack.get(0).getDouble(2)).isEqualTo(1234.5);
        assertThat(readBack.get(1).isNullAt(2)).isTrue();
    }

    @Test
    void aTableWrittenInPartsSideBySideIsOneFileOfThePartsInOrder() throws Exception {
        List<Row> first = List.of(
                RowFactory.create("a", 1, 3.0, 1L, scala(List.of()), true, AT),
                RowFactory.create("a", 2, 2.0, null, scala(List.of("x")), false, AT));
        List<Row> second = List.of(RowFactory.create("b", 1, 9.0, 4L, scala(List.of()), null, AT));
        org.apache.hadoop.fs.Path whole = new org.apache.hadoop.fs.Path(
                dir.resolve("whole.snappy.parquet").toUri());
        DriverParquetWriter.write(spark, whole, DriverParquetWriter.Table.of(SCHEMA, concat(first, second)));
        org.apache.hadoop.fs.Path split = new org.apache.hadoop.fs.Path(
                dir.resolve("split.snappy.parquet").toUri());
        DriverParquetWriter.Table parts = new DriverParquetWriter.Table(
                SCHEMA,
                List.of(
                        DriverParquetWriter.Table.of(SCHEMA, first).parts().get(0),
                        DriverParquetWriter.Table.of(SCHEMA, second).parts().get(0)));
        DriverParquetWriter.write(spark, split, parts);

        assertThat(footer(split).getFileMetaData().getSchema())
                .isEqualTo(footer(whole).getFileMetaData().getSchema());
        assertThat(footer(split).getFileMetaData().getKeyValueMetaData())
                .isEqualTo(footer(whole).getFileMetaData().getKeyValueMetaData());
        assertThat(spark.read().parquet(split.toString()).collectAsList())
                .containsExactlyElementsOf(
                        spark.read().parquet(whole.toString()).collectAsList())
                .hasSize(3);
        assertThat(dir.toFile().list())
                .containsExactlyInAnyOrder(
                        "whole.snappy.parquet",
                        ".whole.snappy.parquet.crc",
                        "split.snappy.parquet",
                        ".split.snappy.parquet.crc");
    }

    private static List<Row> concat(List<Row> first, List<Row> second) {
        List<Row> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static ParquetMetadata footer(org.apache.hadoop.fs.Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, CONF))) {
            return reader.getFooter();
        }
    }

    private static scala.collection.Seq<String> scala(List<String> values) {
        return scala.collection.JavaConverters.asScalaBuffer(values).toSeq();
    }
}
