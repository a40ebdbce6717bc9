package org.popsurvey.stack.cli;

import org.popsurvey.cli.PopsurveyCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code popsurvey stack}: the local Kafka broker, schema registry and (optionally) HDFS.
 *
 * <p>How to run: {@code ./popsurvey stack up}, then {@code ./popsurvey stack status} and
 * {@code ./popsurvey stack down}; each takes {@code --help}. Needs the runtimes built by
 * {@code mvn -B package -DskipTests}. Exit codes: 0 ok, 1 failure, 2 usage error.
 */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class},
        description =
                "Starts, checks and stops the local stack: a Kafka broker, the schema registry and optionally HDFS, "
                        + "all on 127.0.0.1.")
public final class StackCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing sub-command: up, status or down");
    }

    /** The command line with the project's conventions: a failure prints its message, not a stack trace. */
    public static CommandLine commandLine() {
        return PopsurveyCommandLine.create(new StackCommand());
    }

    public static void main(String[] args) {
        // The probes' Kafka client logs every refused connection while a broker boots; keep the CLI quiet.
        System.setProperty(
                "org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "error"));
        System.exit(commandLine().execute(args));
    }
}
