package org.popsurvey.enricher.sink;

import java.io.IOException;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** A long column's largest value in a Parquet file, read from its footer's statistics, not its rows. */
final class ParquetStamps {

    private ParquetStamps() {}

    /** Empty when the file has no row, or no statistics for {@code column} (then the caller cannot tell). */
    static OptionalLong maxOf(Configuration conf, Path file, String column) throws IOException {
        OptionalLong max = OptionalLong.empty();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (!chunk.getPath().toDotString().equals(column)) {
                        continue;
                    }
                    Statistics<?> statistics = chunk.getStatistics();
                    if (statistics == null || statistics.isEmpty() || !statistics.hasNonNullValue()) {
                        return OptionalLong.empty();
                    }
                    long blockMax = ((Number) statistics.genericGetMax()).longValue();
                    max = OptionalLong.of(max.isPresent() ? Math.max(max.getAsLong(), blockMax) : blockMax);
                }
            }
        }
        return max;
    }
}
