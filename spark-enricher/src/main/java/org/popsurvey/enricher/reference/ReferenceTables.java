package org.popsurvey.enricher.reference;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.popsurvey.schemas.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the three reference tables from a local folder or an {@code hdfs://} URI, once, on the
 * driver: checks each file's header against the published one ({@link SourceFile#header()}),
 * parses every data line's used cells with {@link AcsCell} (explicit columns, no inference: an
 * annotation such as {@code **} becomes null plus a status, never a string column), rejects
 * duplicate Ids, and combines the three into {@link ReferenceProfiles}, which the job broadcasts.
 *
 * <p>Why not a Spark job: the tables have one row per neighborhood (91 for Pittsburgh, about
 * 85,000 census tracts for the whole country), which one thread parses in seconds, while reading
 * them with Spark, joining the three files and caching the result took most of a backfill's time
 * (text scan, shuffles, a cache, and the JIT compiling all of it). Errors are also plain: the
 * first bad file, line, Id and column, not text inside a task failure.
 */
public final class ReferenceTables {

    private static final Logger log = LoggerFactory.getLogger(ReferenceTables.class);
    private static final String BOM = "\uFEFF";

    private ReferenceTables() {}

    /** The profiles of every Id found in any of the three files under {@code referenceDir}. */
    public static ReferenceProfiles load(Configuration hadoopConf, String referenceDir) {
        long start = System.nanoTime();
        Map<SourceFile, Map<Integer, ReferenceRowParser.Parsed>> rows = new LinkedHashMap<>();
        Map<SourceFile, Path> paths = new LinkedHashMap<>();
        for (SourceFile file : SourceFile.REFERENCE_TABLES) {
            Path path = new Path(referenceDir, file.fileName());
            paths.put(file, path);
            rows.put(file, read(hadoopConf, file, path));
        }
        for (SourceFile file : SourceFile.REFERENCE_TABLES) {
            if (rows.get(file).isEmpty()) {
                throw new ReferenceDataException("Reference file " + paths.get(file) + ", line 2: no data rows, only "
                        + "the header; " + file.fileName() + " needs one row per neighborhood");
            }
        }
        for (String warning : coverageWarnings(rows, paths)) {
            log.warn(warning);
        }
        ReferenceProfiles profiles = ReferenceProfiles.combine(rows);
        log.info(
                "Loaded reference tables from {}: {} neighborhood Ids in {} ms",
                referenceDir,
                profiles.size(),
                (System.nanoTime() - start) / 1_000_000);
        return profiles;
    }

    /**
     * A warning for each table holding fewer than half as many Ids as the fullest one: most of its
     * neighborhoods would get nulls (and {@code missing_reference_tables}), which a truncated or
     * wrong file explains better than the data.
     */
    static List<String> coverageWarnings(
            Map<SourceFile, Map<Integer, ReferenceRowParser.Parsed>> rows, Map<SourceFile, Path> paths) {
        Set<Integer> all = new TreeSet<>();
        rows.values().forEach(byId -> all.addAll(byId.keySet()));
        int fullest = rows.values().stream().mapToInt(Map::size).max().orElse(0);
        List<String> warnings = new ArrayList<>();
        rows.forEach((file, byId) -> {
            if (byId.size() * 2 < fullest) {
                List<Integer> missing = all.stream()
                        .filter(id -> !byId.containsKey(id))
                        .limit(5)
                        .toList();
                warnings.add("Reference file " + paths.get(file) + " holds " + byId.size() + " neighborhood Id(s), "
                        + "the fullest table " + fullest + "; " + (all.size() - byId.size()) + " Id(s) will have no "
                        + file.fileName() + " values (first missing: " + missing + "). Is the file complete?");
            }
        });
        return warnings;
    }

    /** One file's rows by Id: the header checked, then every non-empty line parsed. */
    private static Map<Integer, ReferenceRowParser.Parsed> read(Configuration hadoopConf, SourceFile file, Path path) {
        ReferenceRowParser parser = new ReferenceRowParser(file, path.toString());
        Map<Integer, ReferenceRowParser.Parsed> rows = new HashMap<>();
        Map<Integer, Long> lineOf = new HashMap<>();
        try (Utf8Lines reader = open(hadoopConf, file, path)) {
            checkHeader(file, path, reader.next());
            long lineNumber = 1;
            for (String line = reader.next(); line != null; line = reader.next()) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                ReferenceRowParser.Parsed row = parser.parse(line, lineNumber);
                Long earlier = lineOf.putIfAbsent(row.id(), lineNumber);
                if (earlier != null) {
                    throw new ReferenceDataException("Reference file " + path + ": Id " + row.id() + " appears on "
                            + "lines " + earlier + " and " + lineNumber + "; each neighborhood Id must appear once");
                }
                rows.put(row.id(), row);
            }
        } catch (Utf8Lines.InvalidUtf8Exception e) {
            int column = columnOf(e.validPrefix());
            String header =
                    column <= file.header().size() ? " '" + file.header().get(column - 1) + "'" : "";
            throw new ReferenceDataException("Reference file " + path + ", line " + e.lineNumber() + ", column "
                    + column + header + ": " + e.getMessage() + " (the file must be UTF-8 text)");
        } catch (IOException e) {
            throw new ReferenceDataException("Cannot read reference file " + path + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** The 1-based CSV column in which the text after {@code prefix} lies (commas inside quotes do not count). */
    static int columnOf(String prefix) {
        int column = 1;
        boolean quoted = false;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                column++;
            }
        }
        return column;
    }

    private static Utf8Lines open(Configuration hadoopConf, SourceFile file, Path path) throws IOException {
        try {
            FileSystem fs = path.getFileSystem(hadoopConf);
            return new Utf8Lines(fs.open(path));
        } catch (FileNotFoundException e) {
            throw new ReferenceDataException("Reference file missing: " + path + " (the folder given with "
                    + "--reference-dir must hold " + file.fileName() + ")");
        }
    }

    /** Compares the first line with the published header; names the file and the first wrong column. */
    static void checkHeader(SourceFile file, Path path, String line) {
        if (line == null) {
            throw new ReferenceDataException("Reference file " + path + " is empty; expected the header "
                    + "and one row per neighborhood of " + file.fileName());
        }
        List<String> found = List.of(line.replace(BOM, "").replace("\r", "").split(",", -1));
        List<String> expected = file.header();
        for (int i = 0; i < Math.max(expected.size(), found.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : null;
            String got = i < found.size() ? found.get(i).strip() : null;
            if (want == null) {
                throw new ReferenceDataException("Reference file " + path + ": unexpected column " + (i + 1) + " '"
                        + got + "'; the published header has " + expected.size() + " columns");
            }
            if (!want.equals(got)) {
                String detail = got == null
                        ? "is missing (the header has only " + found.size() + " columns)"
                        : found.stream().map(String::strip).anyMatch(want::equals)
                                ? "is out of place: column " + (i + 1) + " is '" + got + "'"
                                : "is missing: column " + (i + 1) + " is '" + got + "'";
                throw new ReferenceDataException(
                        "Reference file " + path + ": column " + (i + 1) + " '" + want + "' " + detail);
            }
        }
    }
}
