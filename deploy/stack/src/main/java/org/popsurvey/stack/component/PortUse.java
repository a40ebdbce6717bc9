package org.popsurvey.stack.component;

/**
 * A port a component listens on, with what it is for and the option that sets it, so a port
 * conflict can be reported in the user's terms.
 */
public record PortUse(int port, String what, String option) {

    @Override
    public String toString() {
        return "127.0.0.1:" + port + " (" + what + ", " + option + ")";
    }
}
