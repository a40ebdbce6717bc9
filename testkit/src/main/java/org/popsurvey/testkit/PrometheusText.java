package org.popsurvey.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (what a Prometheus server
 * scrapes from {@code text/plain; version=0.0.4}), for tests: any line outside the grammar, a
 * second HELP or TYPE for a name, a TYPE after its samples, a family split in two, a duplicate
 * series, a histogram bucket without {@code le}, or a missing final newline fails with the line
 * number. The Prometheus Java client writes this format but ships no parser, hence this one.
 *
 * <pre>
 * # HELP name docstring            (\\ and \n escaped)
 * # TYPE name counter|gauge|histogram|summary|untyped
 * name{label="value",...} value [timestamp-ms]
 * </pre>
 */
public final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern METRIC_NAME = Pattern.compile(NAME);
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{.*})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Pattern FLOAT =
            Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?" + "|[+-]?Inf|NaN");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** Every sample, and the declared type and help of each family. */
    public record Exposition(List<Sample> samples, Map<String, String> types, Map<String, String> helps) {

        /** Samples named {@code name} (exactly) whose labels include {@code labels}. */
        public List<Sample> find(String name, Map<String, String> labels) {
            return samples.stream()
                    .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                    .toList();
        }

        /** The value of the one sample named {@code name} with {@code labels}; fails if there is not exactly one. */
        public double value(String name, Map<String, String> labels) {
            List<Sample> found = find(name, labels);
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " samples named " + name + " with " + labels + ": " + found);
            }
            return found.get(0).value();
        }

        public double value(String name) {
            return value(name, Map.of());
        }

        /** Sum over every sample named {@code name}; fails if there is none. */
        public double sum(String name) {
            List<Sample> found = find(name, Map.of());
            if (found.isEmpty()) {
                throw new AssertionError("no sample named " + name);
            }
            return found.stream().mapToDouble(Sample::value).sum();
        }

        /** Every sample name. */
        public Set<String> names() {
            Set<String> names = new HashSet<>();
            samples.forEach(s -> names.add(s.name()));
            return names;
        }
    }

    private PrometheusText() {}

    public static Exposition parse(String body) {
        if (!body.isEmpty() && !body.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a newline");
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Set<String> finishedFamilies = new HashSet<>();
        Set<String> series = new HashSet<>();
        Map<String, Integer> familyOfSampleSeen = new HashMap<>();
        String currentFamily = null;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher help = HELP.matcher(line);
                Matcher type = TYPE.matcher(line);
                if (line.startsWith("# HELP ")) {
                    require(help.matches(), number, "malformed HELP", line);
                    require(
                            helps.put(help.group(1), help.group(2)) == null,
                            number,
                            "second HELP for " + help.group(1),
                            line);
                    checkEscapes(help.group(2), number, line);
                    currentFamily = enter(help.group(1), currentFamily, finishedFamilies, number, line);
                } else if (line.startsWith("# TYPE ")) {
                    require(type.matches(), number, "malformed TYPE", line);
                    require(
                            types.put(type.group(1), type.group(2)) == null,
                            number,
                            "second TYPE for " + type.group(1),
                            line);
                    require(
                            !familyOfSampleSeen.containsKey(type.group(1)),
                            number,
                            "TYPE after samples of " + type.group(1),
                            line);
                    currentFamily = enter(type.group(1), currentFamily, finishedFamilies, number, line);
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            require(sample.matches(), number, "not a sample line", line);
            String name = sample.group(1);
            Map<String, String> labels = labels(sample.group(2), number, line);
            require(FLOAT.matcher(sample.group(3)).matches(), number, "value is not a float", line);
            String family = familyOf(name, types);
            familyOfSampleSeen.putIfAbsent(family, number);
            currentFamily = enter(family, currentFamily, finishedFamilies, number, line);
            String typeOf = types.getOrDefault(family, "untyped");
            if (typeOf.equals("histogram") && name.endsWith("_bucket")) {
                require(labels.containsKey("le"), number, "histogram bucket without le", line);
            }
            require(series.add(name + new TreeMap<>(labels)), number, "duplicate series", line);
            samples.add(new Sample(name, labels, parseValue(sample.group(3))));
        }
        return new Exposition(List.copyOf(samples), types, helps);
    }

    /** The family a sample belongs to: its own name, or the declared histogram/summary it is a part of. */
    private static String familyOf(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return name;
    }

    private static String enter(String family, String current, Set<String> finished, int number, String line) {
        if (family.equals(current)) {
            return current;
        }
        require(!finished.contains(family), number, "family " + family + " appears in two separate groups", line);
        if (current != null) {
            finished.add(current);
        }
        return family;
    }

    private static Map<String, String> labels(String braces, int number, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (braces == null) {
            return labels;
        }
        String inside = braces.substring(1, braces.length() - 1);
        Matcher label = LABEL.matcher(inside);
        int at = 0;
        while (at < inside.length()) {
            require(label.find(at) && label.start() == at, number, "malformed label at column " + at, line);
            require(!label.group(1).startsWith("__"), number, "reserved label name " + label.group(1), line);
            require(
                    labels.put(label.group(1), unescape(label.group(2))) == null,
                    number,
                    "label " + label.group(1) + " twice",
                    line);
            at = label.end();
            if (at < inside.length()) {
                require(inside.charAt(at) == ',', number, "expected ',' at column " + at, line);
                at++;
            }
        }
        return labels;
    }

    private static void checkEscapes(String text, int number, String line) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                require(
                        i + 1 < text.length() && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == 'n'),
                        number,
                        "bad escape in HELP",
                        line);
                i++;
            }
        }
    }

    private static String unescape(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                c = value.charAt(++i) == 'n' ? '\n' : value.charAt(i);
            }
            text.append(c);
        }
        return text.toString();
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static void require(boolean condition, int number, String problem, String line) {
        if (!condition) {
            throw new IllegalArgumentException("line " + number + ": " + problem + ": " + line);
        }
    }

    /** Whether {@code name} is a valid metric name. */
    public static boolean isMetricName(String name) {
        return METRIC_NAME.matcher(name).matches();
    }
}
