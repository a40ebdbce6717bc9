package org.popsurvey.cli;

/**
 * A failure the user can act on. Its message is printed as the one-line error, without a stack
 * trace, so it must say what failed and where (file and line, topic, URL...).
 */
public class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
