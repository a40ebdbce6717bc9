package org.popsurvey.validator.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.popsurvey.datagen.SyntheticNeighborhoods;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.schemas.SourceFile;
import org.popsurvey.schemas.SourceLineage;
import org.popsurvey.serde.ConfluentAvroDeserializer;
import org.popsurvey.serde.ConfluentAvroSerializer;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.Directories;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.validator.ValidatorSettings;
import org.popsurvey.validator.ValidatorTopology;
import org.popsurvey.validator.metrics.ValidationCounters;
import org.popsurvey.validator.resend.CleanTopicLoader;

/**
 * Validator throughput against a pass-through Kafka Streams app on the same broker, same input,
 * same serde (decode RawPopulationRow, encode the output through the registry), same
 * exactly_once_v2, one stream thread each. Not a test: run {@code bench/validator-throughput.sh}.
 *
 * <p>Arguments: {@code [records (default 1000000)] [rounds (default 4)] [bootstrap registryUrl]};
 * without the last two it starts its own broker and registry (the local stack) on free ports. A
 * warm-up round of both apps runs first and is not counted. Each app's time runs from its first record to the moment its committed input offset reaches
 * the end, so start-up and group join are not counted for either.
 */
public final class ThroughputBenchmark {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String bootstrap;
    private final String registryUrl;
    private final Map<String, Object> clientConfig;
    /** Output topic of the app being measured. */
    private String output;

    private ThroughputBenchmark(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.clientConfig = Map.of("bootstrap.servers", bootstrap, "schema.registry.url", registryUrl);
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        if (args.length > 3) {
            new ThroughputBenchmark(args[2], args[3]).run(records, rounds);
            return;
        }
        Path state = Files.createTempDirectory("popsurvey-bench-stack-");
        StackSettings.Builder settings =
                StackSettings.builder(state).launchMode(LaunchMode.TIED).deleteStateOnStop(true);
        try (LocalStack stack = LocalStack.startOnFreePorts(settings, Runtimes.locate(RepoRoot.find()))) {
            new ThroughputBenchmark(stack.bootstrapServers(), stack.schemaRegistryUrl()).run(records, rounds);
        } finally {
            Directories.deleteRecursively(state);
        }
    }

    private void run(int records, int rounds) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String input = "bench-" + run + ".raw";
        try (Admin admin = Admin.create(clientConfig)) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1))).all().get();
        }
        long produceStart = System.nanoTime();
        produce(input, records);
        System.out.printf(
                "Produced %,d raw rows (datagen seed 42) in %.1f s%n",
                records, (System.nanoTime() - produceStart) / 1e9);

        System.out.println("Warm-up round (JIT, page cache; not counted):");
        measure("pass-through", input, records, () -> passThroughApp(input));
        measure("validator", input, records, () -> validatorApp(input));
        List<double[]> rates = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.println("Round " + round + ":");
            // Alternate which app goes first, so a drift in the machine's load favours neither.
            double passThrough;
            double validator;
            if (round % 2 == 1) {
                passThrough = measure("pass-through", input, records, () -> passThroughApp(input));
                validator = measure("validator", input, records, () -> validatorApp(input));
            } else {
                validator = measure("validator", input, records, () -> validatorApp(input));
                passThrough = measure("pass-through", input, records, () -> passThroughApp(input));
            }
            rates.add(new double[] {passThrough, validator});
        }
        System.out.println();
        System.out.printf("%-7s %-14s %14s%n", "round", "app", "records/s");
        double sumPass = 0;
        double sumValidator = 0;
        for (int i = 0; i < rates.size(); i++) {
            System.out.printf("%-7d %-14s %,14.0f%n", i + 1, "pass-through", rates.get(i)[0]);
            System.out.printf(
                    "%-7d %-14s %,14.0f   ratio %.2f%n",
                    i + 1, "validator", rates.get(i)[1], rates.get(i)[1] / rates.get(i)[0]);
            sumPass += rates.get(i)[0];
            sumValidator += rates.get(i)[1];
        }
        System.out.printf(
                "%nMean over %d round(s): pass-through %,.0f rec/s, validator %,.0f rec/s, ratio %.2f "
                        + "(target >= 0.90); %,d records, 1 stream thread, exactly_once_v2%n",
                rates.size(), sumPass / rates.size(), sumValidator / rates.size(), sumValidator / sumPass, records);
    }

    /** An app under test: its topology plus a counter of records it has processed. */
    private record App(Topology topology, LongSupplier processed, Path stateDir) {}

    private interface AppFactory {
        App create() throws IOException;
    }

    private double measure(String name, String input, int records, AppFactory factory) throws Exception {
        String applicationId =
                "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        output = applicationId + ".out";
        App app = factory.create();
        Properties properties = new Properties();
        properties.putAll(clientConfig);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, app.stateDir().toString());
        TopicPartition partition = new TopicPartition(input, 0);
        try (Admin admin = Admin.create(clientConfig);
                KafkaStreams streams = new KafkaStreams(app.topology(), properties)) {
            streams.start();
            while (app.processed().getAsLong() == 0) {
                failIfDead(streams, name);
                Thread.sleep(1);
            }
            long start = System.nanoTime();
            long cpuStart = PROCESS.getProcessCpuTime();
            while (committedOffset(admin, applicationId, partition) < records) {
                failIfDead(streams, name);
                Thread.sleep(POLL.toMillis());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMicrosPerRecord = (PROCESS.getProcessCpuTime() - cpuStart) / 1e3 / records;
            double rate = records / seconds;
            System.out.printf(
                    "%-14s %,d records in %.2f s = %,.0f records/s (app JVM CPU %.1f us/record)%n",
                    name, records, seconds, rate, cpuMicrosPerRecord);
            streams.close(Duration.ofSeconds(60));
            return rate;
        } finally {
            Directories.deleteRecursively(app.stateDir());
        }
    }

    private static void failIfDead(KafkaStreams streams, String name) {
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException(name + " stopped (" + streams.state() + "); see its log above");
        }
    }

    private App validatorApp(String input) throws IOException {
        ValidatorSettings settings = ValidatorSettings.defaults().withTopics(input, output, output + ".dlq");
        ValidationCounters counters = new ValidationCounters();
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(clientConfig);
        Topology topology =
                ValidatorTopology.build(settings, registry, clientConfig, counters, new CleanTopicLoader(clientConfig));
        return new App(topology, () -> counters.snapshot().processed(), Files.createTempDirectory("bench-validator-"));
    }

    /** Decodes each value with the same serde and writes it straight out again with it. */
    private App passThroughApp(String input) throws IOException {
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(clientConfig);
        ConfluentAvroDeserializer<RawPopulationRow> deserializer =
                new ConfluentAvroDeserializer<>(registry, RawPopulationRow.getClassSchema());
        deserializer.configure(clientConfig, false);
        ConfluentAvroSerializer<RawPopulationRow> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(clientConfig, false);
        AtomicLong processed = new AtomicLong();
        Topology topology = new Topology();
        topology.addSource(
                "source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), input);
        topology.addProcessor(
                "pass",
                () -> new Processor<byte[], byte[], byte[], RawPopulationRow>() {
                    private ProcessorContext<byte[], RawPopulationRow> context;

                    @Override
                    public void init(ProcessorContext<byte[], RawPopulationRow> context) {
                        this.context = context;
                    }

                    @Override
                    public void process(Record<byte[], byte[]> record) {
                        processed.incrementAndGet();
                        context.forward(record.withValue(deserializer.deserialize(input, record.value())));
                    }
                },
                "source");
        topology.addSink("sink", output, Serdes.ByteArray().serializer(), serializer, "pass");
        return new App(topology, processed::get, Files.createTempDirectory("bench-pass-"));
    }

    private long committedOffset(Admin admin, String group, TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        OffsetAndMetadata committed = offsets.get(partition);
        return committed == null ? 0 : committed.offset();
    }

    private void produce(String topic, int records) throws Exception {
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(clientConfig);
        ConfluentAvroSerializer<RawPopulationRow> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(clientConfig, false);
        SyntheticNeighborhoods data = new SyntheticNeighborhoods(SyntheticNeighborhoods.DEFAULT_SEED, records);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long readAt = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long id = 1; id <= records; id++) {
                List<String> cells = data.cells(SourceFile.TOTAL_POPULATION, id);
                RawPopulationRow row = RawPopulationRow.newBuilder()
                        .setNeighborhood(cells.get(0))
                        .setId(cells.get(1))
                        .setEstimate(cells.get(2))
                        .setMarginOfError(cells.get(3))
                        .setExtraCells(new ArrayList<>())
                        .setLineage(SourceLineage.newBuilder()
                                .setSourceFile("total-population.csv")
                                .setLineNumber(id + 1)
                                .setBatchNumber((int) ((id - 1) / 100 + 1))
                                .setProducerRunId("bench")
                                .setReadTimestamp(Instant.ofEpochMilli(readAt))
                                .build())
                        .build();
                producer.send(new ProducerRecord<>(
                        topic, cells.get(1).getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, row)));
            }
            producer.flush();
        }
    }
}
