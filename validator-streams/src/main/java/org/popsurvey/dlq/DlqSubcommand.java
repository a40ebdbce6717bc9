package org.popsurvey.dlq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Map;
import org.popsurvey.cli.ConnectionOptions;
import org.popsurvey.deadletter.DeadLetterReader;
import org.popsurvey.schemas.Topics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every {@code dlq} sub-command shares: the connection, the topic, and where to print. */
abstract class DlqSubcommand {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--dlq-topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.DEAD_LETTER,
            description = "The dead-letter topic (default: ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    private PrintWriter safeOut;

    /** The command's output, with control characters of dead-letter text escaped ({@link TerminalSafeWriter}). */
    PrintWriter out() {
        if (safeOut == null) {
            safeOut = new PrintWriter(new TerminalSafeWriter(spec.commandLine().getOut()), true);
        }
        return safeOut;
    }

    Map<String, Object> clientConfig() {
        return connection.clientConfig();
    }

    DeadLetterReader reader() {
        return new DeadLetterReader(clientConfig(), deadLetterTopic);
    }
}
