package org.popsurvey.report.data;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One table folder read the way any plain Parquet reader does (parquet-hadoop's example model, no
 * Spark): every {@code *.parquet} file in it, skipping names that start with '_' or '.'. Rows come
 * back as column name to Java value: Integer, Long, Double, Boolean, String, Instant (timestamps),
 * List (Parquet LIST) or Map (Parquet MAP); an absent optional value is null. A file the enricher
 * replaces while it is read is read again ({@link PublishedFile}).
 */
public final class ParquetTable {

    private ParquetTable() {}

    /** Every row of every data file in {@code folder}; an empty list when the folder does not exist. */
    public static List<Map<String, Object>> read(java.nio.file.Path folder) throws IOException {
        Configuration conf = new Configuration();
        Path dir = new Path(folder.toAbsolutePath().toUri());
        FileSystem fs = dir.getFileSystem(conf);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!fs.exists(dir)) {
            return rows;
        }
        for (FileStatus file : fs.listStatus(dir)) {
            String name = file.getPath().getName();
            if (!file.isFile() || !name.endsWith(".parquet") || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            for (Group group : PublishedFile.rows(fs, file.getPath(), conf)) {
                rows.add(row(group));
            }
        }
        return rows;
    }

    private static Map<String, Object> row(Group group) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Type field : group.getType().getFields()) {
            row.put(field.getName(), value(group, field));
        }
        return row;
    }

    private static Object value(Group group, Type field) {
        String name = field.getName();
        if (group.getFieldRepetitionCount(name) == 0) {
            return null;
        }
        if (field.isPrimitive()) {
            return primitive(group, field.asPrimitiveType(), name, 0);
        }
        LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
        Group nested = group.getGroup(name, 0);
        if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
            return map(nested);
        }
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return list(nested);
        }
        return row(nested);
    }

    /** Parquet's three-level LIST: a repeated group holding one element field. */
    private static List<Object> list(Group list) {
        List<Object> values = new ArrayList<>();
        GroupType repeated = list.getType().getType(0).asGroupType();
        for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
            Group entry = list.getGroup(0, i);
            Type element = repeated.getType(0);
            values.add(
                    entry.getFieldRepetitionCount(0) == 0
                            ? null
                            : element.isPrimitive()
                                    ? primitive(entry, element.asPrimitiveType(), element.getName(), 0)
                                    : row(entry.getGroup(0, 0)));
        }
        return values;
    }

    private static Map<Object, Object> map(Group map) {
        Map<Object, Object> values = new LinkedHashMap<>();
        GroupType keyValue = map.getType().getType(0).asGroupType();
        for (int i = 0; i < map.getFieldRepetitionCount(0); i++) {
            Group entry = map.getGroup(0, i);
            Object key = primitive(
                    entry,
                    keyValue.getType(0).asPrimitiveType(),
                    keyValue.getType(0).getName(),
                    0);
            Object value = entry.getFieldRepetitionCount(1) == 0
                    ? null
                    : primitive(
                            entry,
                            keyValue.getType(1).asPrimitiveType(),
                            keyValue.getType(1).getName(),
                            0);
            values.put(key, value);
        }
        return values;
    }

    private static Object primitive(Group group, PrimitiveType type, String name, int index) {
        switch (type.getPrimitiveTypeName()) {
            case INT32:
                return group.getInteger(name, index);
            case INT64:
                long value = group.getLong(name, index);
                LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    return switch (ts.getUnit()) {
                        case MILLIS -> Instant.ofEpochMilli(value);
                        case MICROS ->
                            Instant.ofEpochSecond(
                                    Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
                        case NANOS -> Instant.ofEpochSecond(0, value);
                    };
                }
                return value;
            case DOUBLE:
                return group.getDouble(name, index);
            case FLOAT:
                return (double) group.getFloat(name, index);
            case BOOLEAN:
                return group.getBoolean(name, index);
            case BINARY:
                return group.getString(name, index);
            default:
                return group.getValueToString(group.getType().getFieldIndex(name), index);
        }
    }
}
