package org.popsurvey.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.popsurvey.cli.ConnectionOptions;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./popsurvey status}: the whole pipeline on one screen. Exit 0 when healthy; 1 otherwise,
 * with one {@code PROBLEM part: what} line per problem (on stdout with the screen, and each also on
 * stderr so a cron job's mail or a CI log shows them alone).
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Show the whole pipeline: topics, validator and enricher lag, dead letters, neighborhoods/ "
                + "freshness, registry subjects, component health. Exit 0 when healthy, 1 with one line per problem.")
public final class StatusCommand implements Callable<Integer> {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--raw-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.RAW,
            description = "Raw topic (default: ${DEFAULT-VALUE}).")
    String rawTopic;

    @Option(
            names = "--clean-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.CLEAN,
            description = "Clean topic (default: ${DEFAULT-VALUE}).")
    String cleanTopic;

    @Option(
            names = "--dlq-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.DEAD_LETTER,
            description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            defaultValue = "popsurvey-validator",
            description = "The validator's application.id, its consumer group (default: ${DEFAULT-VALUE}).")
    String validatorGroup;

    @Option(
            names = "--output",
            paramLabel = "DIR|URI",
            description = "The enricher's --output, local or hdfs:// (neighborhoods/ freshness; default: not shown).")
    String output;

    @Option(
            names = "--checkpoint",
            paramLabel = "DIR|URI",
            description = "The enricher's checkpoint (its lag; default: OUTPUT/_checkpoint when --output is given).")
    String checkpoint;

    @Option(
            names = "--validator-url",
            paramLabel = "URL",
            description = "The validator's HTTP endpoint (its --http-port), e.g. http://127.0.0.1:8090.")
    URI validatorUrl;

    @Option(
            names = "--enricher-url",
            paramLabel = "URL",
            description = "The enricher's HTTP endpoint (its --http-port), e.g. http://127.0.0.1:8091.")
    URI enricherUrl;

    @Option(
            names = "--max-lag",
            paramLabel = "N",
            defaultValue = "10000",
            description =
                    "A reader more than N records behind on a partition is a problem " + "(default: ${DEFAULT-VALUE}).")
    long maxLag;

    @Option(
            names = "--max-batch-age",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = "With records waiting, an enricher whose last batch is older is a problem "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration maxBatchAge;

    @Option(
            names = "--dead-letter-window",
            paramLabel = "DURATION",
            defaultValue = "1h",
            description = "Recent dead letters are counted over this window (default: ${DEFAULT-VALUE}).")
    Duration deadLetterWindow;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Longest wait for each part to answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print the status as one JSON object.")
    boolean json;

    @Option(
            names = "--watch",
            paramLabel = "DURATION",
            arity = "0..1",
            fallbackValue = "5s",
            description = "Refresh in place every DURATION (default when given: ${FALLBACK-VALUE}) until Ctrl-C.")
    Duration watch;

    public static void main(String[] args) {
        PopsurveyCommandLine.main(new StatusCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        String checkpointDir = checkpoint != null
                ? checkpoint
                : output != null ? new org.apache.hadoop.fs.Path(output, "_checkpoint").toString() : null;
        StatusCollector collector = new StatusCollector(
                new StatusSettings(
                        connection.clientConfig(),
                        rawTopic,
                        cleanTopic,
                        deadLetterTopic,
                        validatorGroup,
                        output,
                        checkpointDir,
                        validatorUrl,
                        enricherUrl,
                        maxLag,
                        maxBatchAge,
                        deadLetterWindow,
                        timeout),
                Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        while (true) {
            PipelineStatus status = collector.collect();
            if (watch != null && !json) {
                out.print(CLEAR_SCREEN);
            }
            if (json) {
                out.println(mapper().writeValueAsString(status));
            } else {
                new StatusScreen(out).print(status);
            }
            out.flush();
            if (watch == null) {
                status.problems().forEach(problem -> spec.commandLine().getErr().println("problem: " + problem));
                spec.commandLine().getErr().flush();
                return status.healthy() ? PopsurveyCommandLine.EXIT_OK : PopsurveyCommandLine.EXIT_FAILURE;
            }
            Thread.sleep(watch.toMillis());
        }
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
