package org.popsurvey.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jsoup.nodes.Document;
import org.popsurvey.cli.ConnectionOptions;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.report.data.OutputData;
import org.popsurvey.report.data.TopicQuality;
import org.popsurvey.report.html.ReportPage;
import org.popsurvey.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./popsurvey report}: the enricher's Parquet output as one self-contained HTML page (see
 * report/README.md for what it shows). Reads the tables with a plain Parquet reader, and the
 * topics only when {@code --bootstrap-servers} is given.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Write the census report (one self-contained HTML file) from the enricher's output.")
public final class ReportCommand implements Callable<Integer> {

    static final String DEFAULT_HTML = "report/index.html";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "OUTPUT",
            description = "The enricher's output folder (what enrich --output was given).")
    Path output;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Where to write the page (default: OUTPUT/" + DEFAULT_HTML + ").")
    Path html;

    @Option(
            names = "--raw-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.RAW,
            description = "Raw topic, read with --bootstrap-servers (default: ${DEFAULT-VALUE}).")
    String rawTopic;

    @Option(
            names = "--clean-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.CLEAN,
            description = "Clean topic, read with --bootstrap-servers (default: ${DEFAULT-VALUE}).")
    String cleanTopic;

    @Option(
            names = "--dlq-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.DEAD_LETTER,
            description = "Dead-letter topic, read with --bootstrap-servers (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Mixin
    ConnectionOptions connection;

    public static void main(String[] args) {
        PopsurveyCommandLine.main(new ReportCommand(), args);
    }

    @Override
    public Integer call() throws IOException {
        Path file = write();
        spec.commandLine().getOut().println("Report written: " + file);
        return 0;
    }

    /** Builds the page and writes it; returns the file's absolute path. */
    public Path write() throws IOException {
        OutputData data = OutputData.read(output);
        // Only when asked: without a broker the report is built from the Parquet output alone.
        Optional<TopicQuality.Result> topics = spec != null
                        && spec.commandLine().getParseResult().hasMatchedOption("--bootstrap-servers")
                ? Optional.of(new TopicQuality(connection.clientConfig()).read(rawTopic, cleanTopic, deadLetterTopic))
                : Optional.empty();
        Document page = ReportPage.build(data, topics, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Path file = (html != null ? html : output.resolve(DEFAULT_HTML))
                .toAbsolutePath()
                .normalize();
        Files.createDirectories(file.getParent());
        Files.writeString(file, page.outerHtml(), StandardCharsets.UTF_8);
        return file;
    }
}
