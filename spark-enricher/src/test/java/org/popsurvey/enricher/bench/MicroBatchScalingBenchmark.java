package org.popsurvey.enricher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericContainer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.popsurvey.datagen.DatasetWriter;
import org.popsurvey.datagen.ProgressListener;
import org.popsurvey.datagen.SyntheticNeighborhoods;
import org.popsurvey.enricher.testing.AcsData;
import org.popsurvey.enricher.testing.CleanTopic;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.Directories;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.LaunchMode;

/**
 * Benchmark (not a test) of small micro-batches against the size of the table they change: for
 * each table size, the table is backfilled ({@code enrich --once}), then a streaming enricher and
 * a plain Spark streaming query appending the same records to Parquet ({@link
 * BaselineAppendStream}) run side by side on the same topic at the same trigger, while batches of
 * changed neighborhoods are sent at random phases of the trigger (one every trigger interval on
 * average). Reported per table size and batch size, for both jobs: micro-batch duration (median,
 * p99: the job's own per-batch log line, the first, cold batch after the start included) and the
 * latency from a record's send to a plain Parquet reader seeing it in the output folder (matched
 * by Kafka partition and offset, detected by polling the folder every 100 ms).
 *
 * <p>Run with {@code spark-enricher/bench/micro-batch-scaling.sh}; settings from the environment:
 * {@code SIZES} (table sizes; 91 = the published files, others generated), {@code BATCH_SIZES},
 * {@code BATCHES} (batches sent per batch size), {@code TRIGGER_SECONDS}, {@code ENRICH_ARGS}
 * (extra {@code enrich} options, e.g. {@code --buckets 4}).
 */
public final class MicroBatchScalingBenchmark {

    private static final Pattern BATCH_LINE = Pattern.compile("Batch (\\d+): (\\d+) record\\(s\\) in (\\d+) ms");
    private static final int PARTITIONS = 4;
    private static final int PUBLISHED = 91;

    private MicroBatchScalingBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = ints(env("SIZES", "91 10000 100000 1000000"));
        List<Integer> batchSizes = ints(env("BATCH_SIZES", "10 100"));
        int batches = Integer.parseInt(env("BATCHES", "20"));
        int triggerSeconds = Integer.parseInt(env("TRIGGER_SECONDS", "10"));
        List<String> enrichArgs = env("ENRICH_ARGS", "").isBlank()
                ? List.of()
                : List.of(env("ENRICH_ARGS", "").strip().split("\\s+"));
        System.out.printf(
                "micro-batch scaling: sizes %s, batch sizes %s, %d batches each, trigger %d s, enrich args %s%n",
                sizes, batchSizes, batches, triggerSeconds, enrichArgs);
        Path work = Files.createTempDirectory("microbatch-bench");
        StackSettings.Builder settings = StackSettings.builder(work.resolve("stack"))
                .launchMode(LaunchMode.TIED)
                .deleteStateOnStop(true);
        List<Result> results = new ArrayList<>();
        try (LocalStack stack = LocalStack.startOnFreePorts(settings, Runtimes.locate(RepoRoot.find()))) {
            System.out.printf("stack: %s, %s%n", stack.bootstrapServers(), stack.schemaRegistryUrl());
            for (int size : sizes) {
                results.addAll(new TableRun(stack, work, size, triggerSeconds, enrichArgs).run(batchSizes, batches));
                print(results);
            }
        } finally {
            EnrichBenchmark.keepLogs(work);
            Directories.deleteRecursively(work);
        }
        print(results);
        System.out.println(ratioLine(results, batchSizes.get(0)));
    }

    private static String ratioLine(List<Result> results, int batchSize) {
        Double large = enrichMedian(results, 1_000_000, batchSize);
        Double small = enrichMedian(results, 10_000, batchSize);
        String ratio = large == null || small == null ? "n/a" : String.format(Locale.ROOT, "%.2f", large / small);
        return "micro-batch p50 ratio 1M/10k = " + ratio;
    }

    private static Double enrichMedian(List<Result> results, int size, int batchSize) {
        return results.stream()
                .filter(r -> r.size == size && r.batchSize == batchSize && r.job.equals("enrich"))
                .map(r -> percentile(r.durations, 50))
                .findFirst()
                .orElse(null);
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.printf(
                "%9s %6s %-9s | %7s %7s %7s %9s | %8s %8s %8s %8s%n",
                "table", "batch", "job", "batches", "p50 s", "p99 s", "records", "lat n", "lat p50", "lat p99",
                "lat max");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "%9d %6d %-9s | %7d %7.2f %7.2f %9d | %8d %8.2f %8.2f %8.2f%n",
                    r.size,
                    r.batchSize,
                    r.job,
                    r.durations.size(),
                    percentile(r.durations, 50),
                    percentile(r.durations, 99),
                    r.records,
                    r.latencies.size(),
                    percentile(r.latencies, 50),
                    percentile(r.latencies, 99),
                    r.latencies.isEmpty() ? Double.NaN : Collections.max(r.latencies));
        }
        for (Result enrich : results) {
            if (enrich.job.equals("enrich")) {
                results.stream()
                        .filter(b ->
                                b.job.equals("baseline") && b.size == enrich.size && b.batchSize == enrich.batchSize)
                        .findFirst()
                        .ifPresent(baseline -> System.out.printf(
                                Locale.ROOT,
                                "table %d, batches of %d: enrich p50 / baseline p50 = %.2f%n",
                                enrich.size,
                                enrich.batchSize,
                                percentile(enrich.durations, 50) / percentile(baseline.durations, 50)));
            }
        }
    }

    /** Nearest-rank percentile, NaN when empty. */
    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private record Result(
            int size, int batchSize, String job, List<Double> durations, long records, List<Double> latencies) {}

    /** One table size: its data, backfill, the two streaming jobs and the phases of sent batches. */
    private static final class TableRun {
        private final LocalStack stack;
        private final Path work;
        private final int size;
        private final int triggerSeconds;
        private final List<String> enrichArgs;
        private final String topic;
        private Path reference;
        private List<PopulationRecord> published;
        private SyntheticNeighborhoods generated;

        TableRun(LocalStack stack, Path work, int size, int triggerSeconds, List<String> enrichArgs) {
            this.stack = stack;
            this.work = work;
            this.size = size;
            this.triggerSeconds = triggerSeconds;
            this.enrichArgs = enrichArgs;
            this.topic = "scale-" + size;
        }

        List<Result> run(List<Integer> batchSizes, int batches) throws Exception {
            long t = System.nanoTime();
            if (size == PUBLISHED) {
                reference = AcsData.directory();
                published = CleanTopic.realRecords(AcsData.file(SourceFile.TOTAL_POPULATION));
            } else {
                generated = new SyntheticNeighborhoods(SyntheticNeighborhoods.DEFAULT_SEED, size);
                reference = Files.createDirectories(work.resolve("reference-" + size));
                new DatasetWriter(generated, ProgressListener.NONE).write(reference);
            }
            EnrichBenchmark.createTopic(stack.bootstrapServers(), topic, PARTITIONS);
            try (KafkaProducer<String, GenericContainer> producer = EnrichBenchmark.producer(stack)) {
                for (int index = 0; index < size; index++) {
                    PopulationRecord record = record(index, 0);
                    producer.send(new ProducerRecord<>(topic, Integer.toString(record.getId()), record));
                }
                producer.flush();
            }
            System.out.printf("%n== table of %d neighborhoods: data and topic ready in %.1f s%n", size, secs(t));
            Path output = work.resolve("enrich-out-" + size);
            t = System.nanoTime();
            Process backfill =
                    EnrichBenchmark.start(enrichCommand(output, true), work.resolve("backfill-" + size + ".log"));
            if (!backfill.waitFor(60, TimeUnit.MINUTES) || backfill.exitValue() != 0) {
                throw new IllegalStateException(
                        "backfill failed:\n" + EnrichBenchmark.tail(work.resolve("backfill-" + size + ".log")));
            }
            System.out.printf("backfill (enrich --once, new JVM) of %d neighborhoods: %.1f s%n", size, secs(t));

            Map<Integer, Long> start = endOffsets();
            Path enrichLog = work.resolve("stream-enrich-" + size + ".log");
            Path baselineLog = work.resolve("stream-baseline-" + size + ".log");
            Path baselineOut = work.resolve("baseline-out-" + size);
            Process enrich = EnrichBenchmark.start(enrichCommand(output, false), enrichLog);
            Process baseline = EnrichBenchmark.start(
                    List.of(
                            BaselineAppendStream.class.getName(),
                            stack.bootstrapServers(),
                            topic,
                            startingOffsets(start),
                            baselineOut.toString(),
                            work.resolve("baseline-checkpoint-" + size).toString(),
                            Long.toString(triggerSeconds * 1000L)),
                    baselineLog);
            FolderPoller enrichSeen =
                    new FolderPoller(output.resolve("neighborhoods"), "kafka_partition", "kafka_offset", start);
            FolderPoller baselineSeen = new FolderPoller(baselineOut, "partition", "offset", start);
            List<Result> results = new ArrayList<>();
            try {
                EnrichBenchmark.waitFor(enrichLog, "enrich: reading", enrich);
                EnrichBenchmark.waitFor(baselineLog, "baseline: reading", baseline);
                enrichSeen.start();
                baselineSeen.start();
                int enrichLines = 0;
                int baselineLines = 0;
                for (int batchSize : batchSizes) {
                    Sent sent = sendBatches(batchSize, batches);
                    awaitSeen(sent, enrichSeen, enrich, enrichLog);
                    awaitSeen(sent, baselineSeen, baseline, baselineLog);
                    Thread.sleep(2_000); // the progress line follows the commit
                    List<long[]> enrichBatches = batchLines(enrichLog);
                    List<long[]> baselineBatches = batchLines(baselineLog);
                    results.add(result(
                            batchSize,
                            "enrich",
                            enrichBatches.subList(enrichLines, enrichBatches.size()),
                            sent,
                            enrichSeen));
                    results.add(result(
                            batchSize,
                            "baseline",
                            baselineBatches.subList(baselineLines, baselineBatches.size()),
                            sent,
                            baselineSeen));
                    enrichLines = enrichBatches.size();
                    baselineLines = baselineBatches.size();
                }
            } finally {
                enrichSeen.stop();
                baselineSeen.stop();
                for (Process process : List.of(enrich, baseline)) {
                    process.destroy();
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
                Directories.deleteRecursively(output);
                Directories.deleteRecursively(baselineOut);
            }
            return results;
        }

        private Result result(int batchSize, String job, List<long[]> lines, Sent sent, FolderPoller seen) {
            List<Double> durations = new ArrayList<>();
            long records = 0;
            for (long[] line : lines) {
                durations.add(line[2] / 1000.0);
                records += line[1];
            }
            List<Double> latencies = new ArrayList<>();
            sent.sentAt.forEach((key, sentAt) -> {
                Long seenAt = sent.visibleAt(key, seen);
                if (seenAt != null) {
                    latencies.add((seenAt - sentAt) / 1e9);
                }
            });
            return new Result(size, batchSize, job, durations, records, latencies);
        }

        /** Sends {@code batches} batches of {@code batchSize} changed neighborhoods; returns send time by key. */
        private Sent sendBatches(int batchSize, int batches) throws Exception {
            Sent sent = new Sent();
            Random random = new Random(31L * size + batchSize);
            try (KafkaProducer<String, GenericContainer> producer = EnrichBenchmark.producer(stack)) {
                for (int batch = 0; batch < batches; batch++) {
                    // One batch per trigger interval on average, at a random phase of the trigger.
                    Thread.sleep((long) (triggerSeconds * 1000L * (0.5 + random.nextDouble())));
                    Set<Integer> indexes = new HashSet<>();
                    while (indexes.size() < Math.min(batchSize, size)) {
                        indexes.add(random.nextInt(size));
                    }
                    long sentAt = System.nanoTime();
                    Map<Future<RecordMetadata>, Integer> acks = new HashMap<>();
                    for (int index : indexes) {
                        PopulationRecord record = record(index, batchSize * 1000 + batch + 1);
                        acks.put(
                                producer.send(new ProducerRecord<>(topic, Integer.toString(record.getId()), record)),
                                record.getId());
                    }
                    producer.flush();
                    for (Map.Entry<Future<RecordMetadata>, Integer> ack : acks.entrySet()) {
                        RecordMetadata metadata = ack.getKey().get();
                        sent.add(ack.getValue(), key(metadata.partition(), metadata.offset()), sentAt);
                    }
                }
            }
            return sent;
        }

        private void awaitSeen(Sent sent, FolderPoller seen, Process job, Path log) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sent.waitingFor(seen) > 0) {
                if (!job.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "records not readable in " + seen.folder + ":\n" + EnrichBenchmark.tail(log));
                }
                if (System.nanoTime() > nextReport) {
                    System.out.printf("waiting for %d record(s) in %s%n", sent.waitingFor(seen), seen.folder);
                    nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                }
                Thread.sleep(200);
            }
        }

        private PopulationRecord record(int index, int version) {
            if (published != null) {
                PopulationRecord record = published.get(index);
                return PopulationRecord.newBuilder(record)
                        .setEstimate(record.getEstimate() + version)
                        .build();
            }
            int id = index + 1;
            var neighborhood = generated.neighborhood(id);
            return EnrichBenchmark.record(
                    id, neighborhood.name(), neighborhood.population().estimate() + version);
        }

        private List<String> enrichCommand(Path output, boolean once) {
            List<String> command = EnrichBenchmark.enrichCommand(stack, topic, reference, output);
            command.addAll(List.of("--trigger", triggerSeconds + "s"));
            command.addAll(enrichArgs);
            if (once) {
                command.add("--once");
            }
            return command;
        }

        private Map<Integer, Long> endOffsets() throws Exception {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                Map<Integer, Long> offsets = new HashMap<>();
                admin.listOffsets(request)
                        .all()
                        .get(60, TimeUnit.SECONDS)
                        .forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
                return offsets;
            }
        }

        private String startingOffsets(Map<Integer, Long> offsets) {
            return "{\"" + topic + "\":{"
                    + offsets.entrySet().stream()
                            .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                            .collect(Collectors.joining(","))
                    + "}}";
        }
    }

    /**
     * The records sent in one phase: when each was sent, by Kafka partition and offset, and which
     * records carried each Id. The enricher keeps only an Id's latest version of a micro-batch
     * (latest wins), so a record whose Id was sent again before it was published is never
     * readable itself: it counts as readable when a later version of its Id is.
     */
    private static final class Sent {
        final Map<Long, Long> sentAt = new HashMap<>();
        private final Map<Long, Integer> idOf = new HashMap<>();
        private final Map<Integer, List<Long>> keysOf = new HashMap<>();

        void add(int id, long key, long nanos) {
            sentAt.put(key, nanos);
            idOf.put(key, id);
            keysOf.computeIfAbsent(id, i -> new ArrayList<>()).add(key);
        }

        /** When {@code key}, or a later version of its Id, was first seen; null if not yet. */
        Long visibleAt(long key, FolderPoller seen) {
            Long first = null;
            for (long later : keysOf.get(idOf.get(key))) {
                Long at = later >= key ? seen.firstSeen.get(later) : null;
                if (at != null && (first == null || at < first)) {
                    first = at;
                }
            }
            return first;
        }

        long waitingFor(FolderPoller seen) {
            return sentAt.keySet().stream()
                    .filter(key -> visibleAt(key, seen) == null)
                    .count();
        }
    }

    /** {@code [batchId, records, millis]} of every non-empty batch a job logged, in order. */
    private static List<long[]> batchLines(Path log) throws Exception {
        List<long[]> lines = new ArrayList<>();
        Matcher line = BATCH_LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
        while (line.find()) {
            lines.add(new long[] {
                Long.parseLong(line.group(1)), Long.parseLong(line.group(2)), Long.parseLong(line.group(3))
            });
        }
        return lines;
    }

    private static long key(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    /**
     * Polls a folder as a plain Parquet reader would (its {@code *.parquet} files, nothing else),
     * reading each new or changed file's partition and offset columns, and keeps when each record
     * sent after the backfill was first seen.
     */
    private static final class FolderPoller {
        final Path folder;
        final Map<Long, Long> firstSeen = new ConcurrentHashMap<>();
        private final String partitionColumn;
        private final String offsetColumn;
        private final Map<Integer, Long> startOffsets;
        private final Map<String, String> versions = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private Thread thread;

        FolderPoller(Path folder, String partitionColumn, String offsetColumn, Map<Integer, Long> startOffsets) {
            this.folder = folder;
            this.partitionColumn = partitionColumn;
            this.offsetColumn = offsetColumn;
            this.startOffsets = startOffsets;
        }

        /**
         * Notes the files already there (the backfill's: no record sent later is in them) without
         * reading them, then polls: a first pass reading a million backfilled rows would hold back
         * the first batches' records and count that catch-up as their latency.
         */
        void start() throws IOException {
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(folder.toUri());
            FileSystem fs = dir.getFileSystem(new Configuration());
            if (fs.exists(dir)) {
                for (FileStatus file : fs.listStatus(dir)) {
                    versions.put(file.getPath().getName(), version(file));
                }
            }
            thread = new Thread(this::loop, "poll-" + folder.getFileName());
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(10_000);
            }
        }

        private void loop() {
            Configuration conf = new Configuration();
            conf.set(
                    "parquet.read.schema",
                    "message seen { optional int32 " + partitionColumn + "; optional int64 " + offsetColumn + "; }");
            while (running) {
                long listedAt = System.nanoTime();
                try {
                    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(folder.toUri());
                    FileSystem fs = dir.getFileSystem(conf);
                    if (fs.exists(dir)) {
                        for (FileStatus file : fs.listStatus(dir)) {
                            String name = file.getPath().getName();
                            String version = version(file);
                            if (!file.isFile()
                                    || !name.endsWith(".parquet")
                                    || name.startsWith(".")
                                    || name.startsWith("_")
                                    || version.equals(versions.get(name))) {
                                continue;
                            }
                            if (read(conf, file, listedAt)) {
                                versions.put(name, version);
                            }
                        }
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception listing) {
                    // a file replaced while listed: seen on the next round
                }
            }
        }

        private static String version(FileStatus file) {
            return file.getModificationTime() + "/" + file.getLen();
        }

        private boolean read(Configuration conf, FileStatus file, long listedAt) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file.getPath())
                    .withConf(conf)
                    .build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    int partition = row.getInteger(partitionColumn, 0);
                    long offset = row.getLong(offsetColumn, 0);
                    if (offset >= startOffsets.getOrDefault(partition, Long.MAX_VALUE)) {
                        firstSeen.putIfAbsent(key(partition, offset), listedAt);
                    }
                }
                return true;
            } catch (Exception replacedWhileReading) {
                return false;
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static List<Integer> ints(String list) {
        return Arrays.stream(list.strip().split("[\\s,]+"))
                .map(Integer::parseInt)
                .toList();
    }

    private static double secs(long startNanos) {
        return EnrichBenchmark.secs(startNanos);
    }
}
