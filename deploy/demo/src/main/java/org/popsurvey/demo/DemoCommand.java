package org.popsurvey.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.dlq.DlqCommand;
import org.popsurvey.producer.ProduceCommand;
import org.popsurvey.report.ReportCommand;
import org.popsurvey.schemas.Topics;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.stack.secure.Principal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline on the local stack, in one command.
 *
 * <p>How to run: {@code ./popsurvey demo --fast} (generated data) or
 * {@code ./popsurvey demo --fast --data ../shared/data/acs2015} (the published files). It starts
 * a broker and a registry on free ports (and HDFS with {@code --hdfs}), the validator and the
 * enricher as child JVMs, produces the population file, waits until every row read is a clean
 * record, a dead letter or an absorbed re-send and every clean neighborhood is in the Parquet
 * output, prints a summary and stops everything. Exit 0 only if the counts add up.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run the whole pipeline on the local stack and print a summary; stops everything at the end.")
public final class DemoCommand implements Callable<Integer> {

    private static final Pattern READ = Pattern.compile("(\\d+) data lines read");
    private static final Pattern ACKNOWLEDGED = Pattern.compile("(\\d+) records acknowledged");
    private static final String HTTP_HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Folder with the four ACS CSVs (e.g. ../shared/data/acs2015); default: generated data.")
    Path data;

    @Option(
            names = "--fast",
            description = "Produce without pausing (default: 100 rows every 10 s, the product's pace).")
    boolean fast;

    @Option(
            names = "--secure",
            description = "Run on the secured stack (stack up --secure): each command as its own principal, with "
                    + "SASL_SSL and ACLs on the broker, HTTPS and users on the registry.")
    boolean secure;

    @Option(names = "--hdfs", description = "Start HDFS too and read the reference tables from it.")
    boolean hdfs;

    @Option(
            names = "--cluster",
            description = "Run on the cluster stack (stack up --cluster): three Kafka nodes, two validator instances, "
                    + "the enricher submitted to a Spark standalone master with two workers, reference tables and "
                    + "output in HDFS with two DataNodes; the summary says where the work ran.")
    boolean cluster;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Folder for the run's data, Parquet output, checkpoints and logs "
                    + "(default: <repository>/.popsurvey/demo); emptied at the start of a run.")
    Path out;

    @Option(
            names = "--neighborhoods",
            paramLabel = "N",
            defaultValue = "91",
            description = "Neighborhoods to generate when --data is not given (default: ${DEFAULT-VALUE}).")
    int neighborhoods;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description =
                    "How long to wait for every row to be accounted for after producing (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    public static void main(String[] args) {
        PopsurveyCommandLine.main(new DemoCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (secure && cluster) {
            // Each mode is tested on its own; a secured cluster needs the brokers' listeners and ACLs per node.
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--secure and --cluster cannot be combined yet: choose one");
        }
        Path repo = RepoRoot.find();
        Path outDir = (out != null ? out : repo.resolve(".popsurvey").resolve("demo"))
                .toAbsolutePath()
                .normalize();
        Optional<Path> dataDir =
                Optional.ofNullable(data).map(dir -> dir.toAbsolutePath().normalize());
        // The user's files are checked, and kept out of harm's way, before anything is created or emptied.
        dataDir.ifPresent(dir -> OutFolder.requireOutside(dir, outDir));
        Optional<DemoData> given = dataDir.map(DemoData::given);
        OutFolder.prepare(outDir, dataDir);
        DemoProgress progress = new DemoProgress(spec.commandLine().getErr());

        progress.step(
                "data",
                given.isEmpty()
                        ? "generating " + neighborhoods + " neighborhoods (seed " + seed + ")"
                        : "using " + given.get().directory());
        DemoData input = given.orElseGet(() -> DemoData.generate(outDir.resolve("input"), neighborhoods, seed));

        try (DemoPipeline pipeline = new DemoPipeline(repo, outDir)) {
            Thread hook = new Thread(pipeline::close, "demo-stop");
            Runtime.getRuntime().addShutdownHook(hook);

            progress.step(
                    "stack",
                    cluster
                            ? "starting the cluster: Kafka nodes, the schema registry, HDFS and Spark"
                            : "starting a Kafka broker and the schema registry" + (hdfs ? " and HDFS" : ""));
            LocalStack stack = cluster ? pipeline.startClusterStack() : pipeline.startStack(hdfs, secure);
            ClusterDemo clusterDemo = cluster ? new ClusterDemo(pipeline, stack, repo, outDir) : null;
            SecureDemo as = new SecureDemo(stack);
            List<String> connection = List.of(
                    "--bootstrap-servers",
                    stack.bootstrapServers(),
                    "--schema-registry-url",
                    stack.schemaRegistryUrl());
            progress.detail(stack.bootstrapServers() + ", " + stack.schemaRegistryUrl()
                    + stack.hdfsUri().map(uri -> ", " + uri).orElse(""));
            pipeline.createTopics(List.of(Topics.RAW, Topics.CLEAN, Topics.DEAD_LETTER));
            as.registerContracts();
            as.describe(spec.commandLine().getErr());

            String referenceDir = cluster
                    ? clusterDemo.uploadReferenceTables(input.directory())
                    : stack.hdfsUri()
                            .map(uri -> ReferenceUpload.toHdfs(input.directory(), uri))
                            .orElse(input.directory().toString());
            progress.step("validator", "starting the validator (Kafka Streams, exactly-once)");
            if (cluster) {
                return runOnCluster(clusterDemo, pipeline, progress, hook, input, connection, referenceDir, started);
            }
            List<Integer> httpPorts = org.popsurvey.stack.component.Ports.freePorts(2);
            ManagedProcess validator = pipeline.start(
                    PipelineProcess.VALIDATOR,
                    concat(
                            as.as(Principal.VALIDATOR, connection),
                            List.of(
                                    "--state-dir",
                                    outDir.resolve("validator-state").toString(),
                                    "--stats-interval",
                                    "2s",
                                    "--http-port",
                                    httpPorts.get(0).toString(),
                                    "--http-host",
                                    HTTP_HOST)));
            progress.step("enricher", "starting the enricher (Spark) with reference tables from " + referenceDir);
            Path parquet = outDir.resolve("parquet");
            pipeline.start(
                    PipelineProcess.ENRICHER,
                    concat(
                            as.as(Principal.ENRICHER, connection),
                            List.of(
                                    "--reference-dir",
                                    referenceDir,
                                    "--output",
                                    parquet.toString(),
                                    "--checkpoint",
                                    outDir.resolve("checkpoint").toString(),
                                    "--trigger",
                                    fast ? "2s" : "10s",
                                    "--http-port",
                                    httpPorts.get(1).toString(),
                                    "--http-host",
                                    HTTP_HOST)));
            awaitReady(pipeline, progress, httpPorts);

            progress.step(
                    "produce",
                    "sending " + input.populationFile() + (fast ? " without pauses" : " at 100 rows every 10 s"));
            long produced = produce(input, as.as(Principal.PRODUCER, connection));
            pipeline.checkChildrenRunning();

            progress.step(
                    "wait", "until every row is a clean record or a dead letter and every clean record is in Parquet");
            Accounting accounting = new Accounting(
                    new TopicTally(stack.bootstrapServers(), as.adminClientSecurity()),
                    new ParquetOutput(parquet),
                    validator.log().path());
            Accounting.Snapshot result = accounting.awaitComplete(produced, timeout, pipeline, progress);

            progress.step("summary", "");
            summaryAndReport(
                    input,
                    result,
                    parquet,
                    as.as(Principal.DLQ_READER, connection),
                    as.as(Principal.ADMIN, List.of("--bootstrap-servers", stack.bootstrapServers())),
                    outDir,
                    started,
                    progress,
                    Optional.empty());
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        spec.commandLine().getErr().println("Stopped every process the demo started.");
        return 0;
    }

    /**
     * The rest of a {@code --cluster} run: two validators, the enricher through {@code SparkSubmit},
     * output in HDFS; the usual summary (of a local copy of the output) and where the work ran.
     */
    private int runOnCluster(
            ClusterDemo clusterDemo,
            DemoPipeline pipeline,
            DemoProgress progress,
            Thread hook,
            DemoData input,
            List<String> connection,
            String referenceDir,
            long started)
            throws Exception {
        Path outDir = clusterDemo.localOut();
        List<ManagedProcess> validators =
                clusterDemo.startPipeline(connection, referenceDir, fast ? "2s" : "10s", READY_TIMEOUT, progress);

        progress.step(
                "produce",
                "sending " + input.populationFile() + (fast ? " without pauses" : " at 100 rows every 10 s"));
        long produced = produce(input, connection);
        pipeline.checkChildrenRunning();
        progress.step("wait", "until every row is a clean record or a dead letter and every clean record is in HDFS");
        String bootstrap = clusterDemo.cluster().kafka().bootstrapServers();
        Accounting.Snapshot result = new Accounting(
                        new TopicTally(bootstrap),
                        new ParquetOutput(clusterDemo.outputUri()),
                        validators.stream().map(v -> v.log().path()).toList())
                .awaitComplete(produced, timeout, pipeline, progress);

        progress.step("summary", "");
        Path parquet = outDir.resolve("parquet");
        clusterDemo.copyOutputTo(parquet); // the report reads local files
        summaryAndReport(
                input,
                result,
                parquet,
                connection,
                List.of("--bootstrap-servers", bootstrap),
                outDir,
                started,
                progress,
                Optional.of(clusterDemo));
        Runtime.getRuntime().removeShutdownHook(hook);
        pipeline.close();
        spec.commandLine().getErr().println("Stopped every process the demo started.");
        return 0;
    }

    /**
     * The summary (and, on a cluster, where the work ran), then the census report, while the
     * broker still runs, so the report's data-quality section reads the topics.
     */
    private void summaryAndReport(
            DemoData input,
            Accounting.Snapshot result,
            Path parquet,
            List<String> dlqReaderConnection,
            List<String> reportConnection,
            Path outDir,
            long started,
            DemoProgress progress,
            Optional<ClusterDemo> clusterDemo)
            throws Exception {
        new DemoSummary(spec.commandLine().getOut())
                .print(
                        input,
                        result,
                        new ParquetOutput(parquet),
                        deadLetterStats(dlqReaderConnection),
                        outDir,
                        Duration.ofNanos(System.nanoTime() - started));
        if (clusterDemo.isPresent()) {
            clusterDemo.get().printPlacement(spec.commandLine().getOut());
        }
        progress.step("report", "building the census report from the Parquet tables and the topics");
        spec.commandLine().getOut().println("Census report: " + report(parquet, reportConnection));
    }

    /** Both children's health endpoints, printed, and waited on until ready (no log lines parsed). */
    private static void awaitReady(DemoPipeline pipeline, DemoProgress progress, List<Integer> httpPorts)
            throws InterruptedException {
        java.net.URI validatorUrl = java.net.URI.create("http://" + HTTP_HOST + ":" + httpPorts.get(0));
        java.net.URI enricherUrl = java.net.URI.create("http://" + HTTP_HOST + ":" + httpPorts.get(1));
        progress.detail("validator: " + validatorUrl + "/health/ready " + validatorUrl + "/metrics");
        progress.detail("enricher:  " + enricherUrl + "/health/ready " + enricherUrl + "/metrics");
        Readiness readiness = new Readiness(pipeline);
        readiness.await("validator", validatorUrl, READY_TIMEOUT);
        readiness.await("enricher", enricherUrl, READY_TIMEOUT);
        progress.detail("both ready");
    }

    private long produce(DemoData input, List<String> connection) {
        StringWriter out = new StringWriter();
        CommandLine produce = PopsurveyCommandLine.create(new ProduceCommand());
        produce.setOut(new PrintWriter(out, true));
        produce.setErr(spec.commandLine().getErr());
        List<String> args =
                new ArrayList<>(List.of("--input", input.populationFile().toString()));
        if (fast) {
            args.addAll(List.of("--interval", "0"));
        }
        int exit = produce.execute(concat(connection, args).toArray(String[]::new));
        if (exit != 0) {
            throw new CommandFailedException("produce failed (exit " + exit + "); see its error above");
        }
        spec.commandLine().getErr().print(out);
        long read = number(READ, out.toString());
        long acknowledged = number(ACKNOWLEDGED, out.toString());
        if (read != acknowledged) {
            throw new CommandFailedException(
                    "produce read " + read + " rows but only " + acknowledged + " were acknowledged");
        }
        return acknowledged;
    }

    /** Runs {@code report} on the demo's output; returns the path of the page it wrote. */
    private String report(Path parquet, List<String> connection) {
        StringWriter out = new StringWriter();
        CommandLine report = PopsurveyCommandLine.create(new ReportCommand());
        report.setOut(new PrintWriter(out, true));
        report.setErr(spec.commandLine().getErr());
        int exit = report.execute(
                concat(List.of("--output", parquet.toString()), connection).toArray(String[]::new));
        if (exit != 0) {
            throw new CommandFailedException("report failed (exit " + exit + "); see its error above");
        }
        return out.toString().strip().replaceFirst("^Report written: ", "");
    }

    private String deadLetterStats(List<String> connection) {
        StringWriter out = new StringWriter();
        CommandLine dlq = PopsurveyCommandLine.create(new DlqCommand());
        dlq.setOut(new PrintWriter(out, true));
        dlq.setErr(new PrintWriter(out, true));
        dlq.execute(concat(List.of("stats"), connection).toArray(String[]::new));
        return out.toString();
    }

    private static long number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new CommandFailedException("Unexpected produce summary: " + text.strip());
        }
        return Long.parseLong(matcher.group(1));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
