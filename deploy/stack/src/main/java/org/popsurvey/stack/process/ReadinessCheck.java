package org.popsurvey.stack.process;

/**
 * Tells whether a started process serves requests yet. Implementations return quickly (a few
 * seconds at most); an exception counts as "not ready yet" and its message is kept for the
 * error shown if the process never becomes ready.
 */
@FunctionalInterface
public interface ReadinessCheck {

    boolean isReady() throws Exception;
}
