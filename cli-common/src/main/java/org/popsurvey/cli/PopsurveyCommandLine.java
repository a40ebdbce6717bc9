package org.popsurvey.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a popsurvey command with the project's error conventions: a failure prints one clear
 * {@code error:} line (its message and the chain of causes), never a bare stack trace; the stack
 * trace is printed only when {@value #DEBUG_ENV} is set. Exit codes: 0 success, 1 failure,
 * 2 usage error (a refused {@code --config} setting included).
 */
public final class PopsurveyCommandLine {

    public static final String DEBUG_ENV = "POPSURVEY_DEBUG";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private PopsurveyCommandLine() {}

    /** Builds the picocli command line with the conventions applied (for tests and sub-commands). */
    public static CommandLine create(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        commandLine.registerConverter(java.time.Duration.class, new DurationConverter());
        return commandLine;
    }

    /** Parses and runs; returns the exit code. */
    public static int execute(Object command, String... args) {
        return create(command).execute(args);
    }

    /** For {@code main}: runs and exits the JVM with the command's exit code. */
    public static void main(Object command, String... args) {
        System.exit(execute(command, args));
    }

    /**
     * The one-line description of a failure: the first line of each cause's message, outermost
     * first, skipping a cause whose message the previous one already contains (Kafka often repeats
     * it), with the credentials of any URL in it redacted. Only the first line: Spark's messages go
     * on with the driver's stack trace and a Hadoop server's error is its whole stack trace, which
     * belong to {@value #DEBUG_ENV}, not to the error line.
     */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        String previous = "";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = firstLine(t.getMessage());
            if (message.isEmpty()) {
                message = t.getClass().getSimpleName();
            }
            if (previous.contains(message)) {
                continue;
            }
            text.append(text.length() > 0 ? ": " : "").append(message);
            previous = message;
        }
        // Last line of defence: no message printed as an error carries a URL's password.
        return RedactedUrl.redact(text.toString());
    }

    private static String firstLine(String message) {
        return message == null
                ? ""
                : message.strip().lines().findFirst().orElse("").strip();
    }

    private static final class ErrorReporter implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult)
                throws Exception {
            if (failure instanceof ParameterException usage) {
                // Option checks done in call() are usage errors too: same message and exit code.
                return commandLine
                        .getParameterExceptionHandler()
                        .handleParseException(usage, parseResult.originalArgs().toArray(String[]::new));
            }
            PrintWriter err = commandLine.getErr();
            err.println("error: " + describe(failure));
            if (failure instanceof RefusedSettings.RefusedSettingException) {
                err.flush();
                return EXIT_USAGE;
            }
            if (System.getenv(DEBUG_ENV) != null) {
                failure.printStackTrace(err);
            } else if (!(failure instanceof CommandFailedException)) {
                err.println("(set " + DEBUG_ENV + "=1 for the stack trace)");
            }
            err.flush();
            return EXIT_FAILURE;
        }
    }
}
