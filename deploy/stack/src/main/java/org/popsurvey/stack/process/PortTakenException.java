package org.popsurvey.stack.process;

/**
 * A port the stack was to listen on is in use. Thrown before anything starts (the port check)
 * and when a component exits because it could not bind: another program may take a port
 * between the check and the bind. A caller that picked the ports itself can pick new ones and
 * try again ({@link LocalStack#startOnFreePorts}); a user who chose them gets the message.
 */
public class PortTakenException extends StackException {

    private static final long serialVersionUID = 1L;

    /** What the operating system says (strerror of EADDRINUSE), in every component's log. */
    public static final String OS_MESSAGE = "Address already in use";

    public PortTakenException(String message) {
        super(message);
    }

    public PortTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}
