package org.popsurvey.stack.process;

import org.popsurvey.cli.CommandFailedException;

/**
 * A local stack operation failed for a reason the user can act on. The message is the whole
 * story (which component, which port, which log file and its last lines), so callers print it
 * as is, without a stack trace.
 */
public class StackException extends CommandFailedException {

    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
