package org.popsurvey.report.data;

import java.util.Map;

/** Typed access to a row read by {@link ParquetTable}. */
public final class Values {

    private Values() {}

    /** A numeric column as a double (counts are longs), null when absent. */
    public static Double number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    public static String text(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    public static Long whole(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).longValue();
    }

    public static Boolean flag(Map<String, Object> row, String column) {
        return (Boolean) row.get(column);
    }
}
