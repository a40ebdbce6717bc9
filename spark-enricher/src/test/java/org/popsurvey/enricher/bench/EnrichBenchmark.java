package org.popsurvey.enricher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericContainer;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.parquet.example.data.Group;
import org.popsurvey.datagen.DatasetWriter;
import org.popsurvey.datagen.Neighborhood;
import org.popsurvey.datagen.ProgressListener;
import org.popsurvey.datagen.SyntheticNeighborhoods;
import org.popsurvey.enricher.EnrichCommand;
import org.popsurvey.enricher.testing.PlainParquet;
import org.popsurvey.schemas.MarginOfErrorStatus;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.serde.ConfluentAvroSerializer;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.Directories;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.LaunchMode;

/**
 * Benchmark (not a test): {@code enrich --once} against a plain Spark copy of the same topic to
 * Parquet, in the same run, on the same broker; then the latency from a record's send to its row
 * being readable in {@code neighborhoods/} at the default 10 s trigger. Run with
 * {@code spark-enricher/bench/run.sh [NEIGHBORHOODS] [VERSIONS] [LATENCY_SAMPLES] [PAIRS]}: PAIRS runs
 * of both jobs in new JVMs, alternating which goes first, and the median of their ratios.
 *
 * <p>Each job runs in its own JVM ({@code java @jvmflags.txt -Xmx3g}, local[*]) so neither
 * inherits the other's warm JIT or caches, twice ({@link WarmRounds}): the cold figures are the
 * first round's (a backfill started from scratch pays the JIT compiling every code path it uses),
 * the warm figures the second's (a stream that has been running). The figures are taken from the
 * jobs' own summary line (query start to end) and from the wall clock.
 */
public final class EnrichBenchmark {

    private static final Pattern SUMMARY = Pattern.compile(
            ": done, (\\d+) record\\(s\\) in (\\d+) batch\\(es\\), ([0-9.]+) s after the query started");

    /** Extra JVM options for every job (profiling), {@code {job}} replaced by the job's name; none by default. */
    static final String JVM_OPTS_VARIABLE = "BENCH_JVM_OPTS";

    private static final Pattern ROUND = Pattern.compile("round \\d+: ([0-9.]+) s wall");
    /** Rounds of each job in its JVM: the first is the cold figure, the last the warm one. */
    private static final int ROUNDS = 2;

    private EnrichBenchmark() {}

    public static void main(String[] args) throws Exception {
        int neighborhoods = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int versions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int pairs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int partitions = 4;
        Path work = Files.createTempDirectory("enrich-bench");
        StackSettings.Builder settings = StackSettings.builder(work.resolve("stack"))
                .launchMode(LaunchMode.TIED)
                .deleteStateOnStop(true);
        try (LocalStack stack = LocalStack.startOnFreePorts(settings, Runtimes.locate(RepoRoot.find()))) {
            System.out.printf("stack: %s, %s%n", stack.bootstrapServers(), stack.schemaRegistryUrl());
            SyntheticNeighborhoods data =
                    new SyntheticNeighborhoods(SyntheticNeighborhoods.DEFAULT_SEED, neighborhoods);
            long t = System.nanoTime();
            Path reference = Files.createDirectories(work.resolve("reference"));
            new DatasetWriter(data, ProgressListener.NONE).write(reference);
            System.out.printf("reference tables: %d neighborhoods in %.1f s (%s)%n", neighborhoods, secs(t), reference);

            String topic = "bench.clean";
            createTopic(stack.bootstrapServers(), topic, partitions);
            t = System.nanoTime();
            long sent = produce(stack, topic, data, versions);
            double produceSeconds = secs(t);
            System.out.printf(
                    "produced %d records (%d neighborhoods x %d versions) in %.1f s%n",
                    sent, neighborhoods, versions, produceSeconds);

            // Pairs of cold JVMs, alternating which job goes first: the machine's drift hits both.
            List<Run> baselines = new ArrayList<>();
            List<Run> enriches = new ArrayList<>();
            for (int pair = 1; pair <= pairs; pair++) {
                String suffix = "-" + pair;
                List<String> baselineArgs = List.of(
                        "baseline",
                        stack.bootstrapServers(),
                        topic,
                        work.resolve("baseline-out" + suffix + "-{round}").toString(),
                        work.resolve("baseline-checkpoint" + suffix + "-{round}")
                                .toString());
                List<String> enrichArgs = new ArrayList<>(List.of("enrich"));
                enrichArgs.addAll(
                        enrichOptions(stack, topic, reference, work.resolve("enrich-out" + suffix + "-{round}")));
                enrichArgs.add("--once");
                if (pair % 2 == 1) {
                    baselines.add(run(work, "baseline" + suffix, baselineArgs));
                    enriches.add(run(work, "enrich" + suffix, enrichArgs));
                } else {
                    enriches.add(run(work, "enrich" + suffix, enrichArgs));
                    baselines.add(run(work, "baseline" + suffix, baselineArgs));
                }
            }
            for (Run run : Stream.concat(baselines.stream(), enriches.stream()).toList()) {
                if (run.cold.records != sent || run.warm.records != sent) {
                    throw new IllegalStateException("a job did not read every record: sent " + sent + ", " + run);
                }
            }
            Path table = work.resolve("enrich-out-1-" + ROUNDS + "/neighborhoods");
            long rows = PlainParquet.rowCount(new Configuration(), table.toString());
            long bytes;
            try (Stream<Path> files = Files.list(table)) {
                bytes = files.filter(file -> file.toString().endsWith(".parquet"))
                        .mapToLong(file -> file.toFile().length())
                        .sum();
            }
            System.out.println();
            System.out.printf(
                    "%-34s %9s | %-30s | %-30s%n",
                    "", "", "cold: new JVM, first run", "warm: same JVM, round " + ROUNDS);
            System.out.printf(
                    "%-34s %9s | %8s %12s %8s | %8s %12s %8s%n",
                    "job (local[*])", "records", "query s", "records/s", "wall s", "query s", "records/s", "wall s");
            List<double[]> ratios = new ArrayList<>();
            for (int pair = 0; pair < pairs; pair++) {
                Run baseline = baselines.get(pair);
                Run enrich = enriches.get(pair);
                baseline.print("plain Spark copy topic -> Parquet");
                enrich.print("enrich --once");
                double[] ratio = {
                    enrich.cold.rate() / baseline.cold.rate(),
                    baseline.cold.wall / enrich.cold.wall,
                    enrich.warm.rate() / baseline.warm.rate(),
                    baseline.warm.wall / enrich.warm.wall
                };
                ratios.add(ratio);
                System.out.printf(
                        "%-34s %9s | %8s %11.2fx %7.2fx | %8s %11.2fx %7.2fx%n",
                        "ratio enrich / baseline, pair " + (pair + 1),
                        "",
                        "",
                        ratio[0],
                        ratio[1],
                        "",
                        ratio[2],
                        ratio[3]);
            }
            System.out.printf(
                    "%-34s %9s | %8s %11.2fx %7.2fx | %8s %11.2fx %7.2fx%n",
                    "median ratio of " + pairs + " pair(s)",
                    "",
                    "",
                    median(ratios, 0),
                    median(ratios, 1),
                    "",
                    median(ratios, 2),
                    median(ratios, 3));
            System.out.printf(
                    "enrich output: %d rows in neighborhoods/ (one per neighborhood), %.1f MB%n", rows, bytes / 1e6);

            if (samples > 0) {
                latency(work, stack, reference, neighborhoods, samples);
            }
        } finally {
            keepLogs(work);
            Directories.deleteRecursively(work);
        }
    }

    private static double median(List<double[]> ratios, int column) {
        double[] values =
                ratios.stream().mapToDouble(ratio -> ratio[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The jobs' logs outlive the work folder, in target/bench-logs/. */
    /** {@code enrich} (its main class and options) streaming {@code topic} into {@code output}. */
    static List<String> enrichCommand(LocalStack stack, String topic, Path reference, Path output) {
        List<String> command = new ArrayList<>(List.of(EnrichCommand.class.getName()));
        command.addAll(enrichOptions(stack, topic, reference, output));
        return command;
    }

    private static List<String> enrichOptions(LocalStack stack, String topic, Path reference, Path output) {
        return List.of(
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.schemaRegistryUrl(),
                "--topic",
                topic,
                "--reference-dir",
                reference.toString(),
                "--output",
                output.toString());
    }

    static void keepLogs(Path work) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "bench-logs"));
        try (var files = Files.list(work)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void latency(Path work, LocalStack stack, Path reference, int neighborhoods, int samples)
            throws Exception {
        String topic = "bench.latency";
        createTopic(stack.bootstrapServers(), topic, 4);
        Path output = work.resolve("latency-out");
        Path log = work.resolve("latency.log");
        Process enrich = start(enrichCommand(stack, topic, reference, output), log);
        List<Double> latencies = new ArrayList<>();
        Random random = new Random(7);
        try (KafkaProducer<String, GenericContainer> producer = producer(stack)) {
            waitFor(log, "enrich: reading", enrich);
            for (int sample = 0; sample < samples; sample++) {
                Thread.sleep(2_000 + random.nextInt(10_000)); // a random phase of the 10 s trigger
                int id = 1 + random.nextInt(neighborhoods);
                long marker = 9_000_000_000L + sample;
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, Integer.toString(id), record(id, "latency " + id, marker)))
                        .get();
                Path bucket =
                        output.resolve("neighborhoods").resolve(String.format("bucket-%05d.snappy.parquet", id % 4));
                while (!contains(bucket, id, marker)) {
                    if (!enrich.isAlive()) {
                        throw new IllegalStateException("enrich died: " + tail(log));
                    }
                    Thread.sleep(50);
                }
                latencies.add(secs(sentAt));
            }
        } finally {
            enrich.destroy();
            enrich.waitFor(30, TimeUnit.SECONDS);
        }
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "%nlatency send -> row readable in neighborhoods/ at the default 10 s trigger, %d samples: "
                        + "min %.1f s, median %.1f s, max %.1f s %s%n",
                sorted.size(), sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), latencies);
    }

    private static boolean contains(Path bucket, int id, long marker) {
        if (!Files.exists(bucket)) {
            return false;
        }
        try {
            Configuration conf = new Configuration();
            // Only the two columns needed (a plain reader's projection), not all ~110.
            conf.set(
                    "parquet.read.schema",
                    "message latency { optional int32 neighborhood_id; optional int64 population; }");
            for (Group row : PlainParquet.readFolder(conf, bucket.getParent().toString())) {
                if (row.getInteger("neighborhood_id", 0) == id && row.getLong("population", 0) == marker) {
                    return true;
                }
            }
        } catch (RuntimeException replacedWhileReading) {
            return false;
        }
        return false;
    }

    /** One round of a job: records read, batches, query seconds (the job's own figure) and wall seconds. */
    private record Round(long records, long batches, double querySeconds, double wall) {
        double rate() {
            return records / querySeconds;
        }
    }

    private record Run(Round cold, Round warm) {
        void print(String name) {
            System.out.printf(
                    "%-34s %9d | %8.1f %12.0f %8.1f | %8.1f %12.0f %8.1f%n",
                    name,
                    cold.records,
                    cold.querySeconds,
                    cold.rate(),
                    cold.wall,
                    warm.querySeconds,
                    warm.rate(),
                    warm.wall);
        }
    }

    /**
     * Runs a job {@link #ROUNDS} times in one new JVM ({@link WarmRounds}). Cold wall time is the
     * JVM's start plus round 1; warm is the last round's.
     */
    private static Run run(Path work, String name, List<String> jobAndArgs) throws Exception {
        Path log = work.resolve(name + ".log");
        long t = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(WarmRounds.class.getName(), Integer.toString(ROUNDS)));
        command.addAll(jobAndArgs);
        Process process = start(command, log);
        if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed:\n" + tail(log));
        }
        double wall = secs(t);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        List<double[]> summaries = new ArrayList<>();
        Matcher summary = SUMMARY.matcher(output);
        while (summary.find()) {
            summaries.add(new double[] {
                Long.parseLong(summary.group(1)), Long.parseLong(summary.group(2)), Double.parseDouble(summary.group(3))
            });
        }
        List<Double> walls = new ArrayList<>();
        Matcher round = ROUND.matcher(output);
        while (round.find()) {
            walls.add(Double.parseDouble(round.group(1)));
        }
        if (summaries.size() != ROUNDS || walls.size() != ROUNDS) {
            throw new IllegalStateException(
                    name + " printed " + summaries.size() + " summaries for " + ROUNDS + " rounds:\n" + tail(log));
        }
        double laterRounds = walls.subList(1, ROUNDS).stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        Run run = new Run(
                round(summaries.get(0), wall - laterRounds), round(summaries.get(ROUNDS - 1), walls.get(ROUNDS - 1)));
        System.out.printf(
                "%s: cold %.1f s query, %.1f s wall; warm %.1f s query, %.1f s wall%n",
                name, run.cold.querySeconds, run.cold.wall, run.warm.querySeconds, run.warm.wall);
        return run;
    }

    private static Round round(double[] summary, double wall) {
        return new Round((long) summary[0], (long) summary[1], summary[2], wall);
    }

    static Process start(List<String> mainAndArgs, Path log) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        String classpath = String.join(
                java.io.File.pathSeparator,
                target.resolve("test-classes").toString(),
                target.resolve("classes").toString(),
                Files.readString(target.resolve("test-classpath.txt"), StandardCharsets.UTF_8)
                        .strip());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + target.resolve("jvmflags.txt"),
                "-Xmx3g",
                "-cp",
                classpath));
        // For profiling, e.g. BENCH_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/{job}.jfr'
        String extra = System.getenv(JVM_OPTS_VARIABLE);
        if (extra != null && !extra.isBlank()) {
            String job = log.getFileName().toString().replace(".log", "");
            command.addAll(List.of(extra.replace("{job}", job).strip().split("\\s+")));
        }
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static long produce(LocalStack stack, String topic, SyntheticNeighborhoods data, int versions)
            throws Exception {
        long sent = 0;
        try (KafkaProducer<String, GenericContainer> producer = producer(stack)) {
            for (int version = 0; version < versions; version++) {
                for (long id = 1; id <= data.count(); id++) {
                    Neighborhood neighborhood = data.neighborhood(id);
                    producer.send(new ProducerRecord<>(
                            topic,
                            Long.toString(id),
                            record(
                                    (int) id,
                                    neighborhood.name(),
                                    neighborhood.population().estimate() + version)));
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    static PopulationRecord record(int id, String name, long estimate) {
        return PopulationRecord.newBuilder()
                .setId(id)
                .setNeighborhood(name)
                .setEstimate(estimate)
                .setMarginOfError(Math.sqrt(estimate) * 3)
                .setMarginOfErrorStatus(MarginOfErrorStatus.MEASURED)
                .setLineage(SourceLineage.newBuilder()
                        .setSourceFile("total-population.csv")
                        .setLineNumber(id + 1L)
                        .setBatchNumber(id / 100 + 1)
                        .setProducerRunId("bench")
                        .setReadTimestamp(Instant.now())
                        .build())
                .build();
    }

    static KafkaProducer<String, GenericContainer> producer(LocalStack stack) {
        ConfluentAvroSerializer<GenericContainer> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262_144),
                new StringSerializer(),
                serializer);
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    static void waitFor(Path log, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("enrich did not start:\n" + tail(log));
            }
            Thread.sleep(200);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
