package org.popsurvey.enricher;

import java.util.function.Supplier;
import org.apache.hadoop.ipc.RemoteException;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.cli.PopsurveyCommandLine;

/**
 * Spark wraps an exception thrown in a task in layers of "Job aborted due to stage failure"; this
 * digs out the project's own actionable error, or adds context to anything else.
 */
public final class SparkFailures {

    private SparkFailures() {}

    public static <T> T unwrap(Supplier<T> action, String context) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw actionable(e, context);
        }
    }

    /** The {@link CommandFailedException} in the cause chain, else one with {@code context}. */
    public static CommandFailedException actionable(Throwable failure, String context) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CommandFailedException known) {
                return known;
            }
        }
        Throwable root = rootMessageOnly(failure);
        String cause = PopsurveyCommandLine.describe(root);
        if (root instanceof RemoteException) {
            // Its message is the server's stack trace, whose first line is only the exception's class.
            cause = "a Hadoop server (NameNode or DataNode) answered " + cause;
        }
        return new CommandFailedException(context + ": " + cause, failure);
    }

    /** Spark's messages repeat the whole task stack trace; keep the innermost cause's message. */
    private static Throwable rootMessageOnly(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
