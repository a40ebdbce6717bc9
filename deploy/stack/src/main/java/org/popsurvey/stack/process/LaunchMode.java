package org.popsurvey.stack.process;

/** Whether a background process may outlive the JVM that started it. */
public enum LaunchMode {
    /**
     * Keeps running after this JVM exits ({@code popsurvey stack up} returns while the stack
     * stays up); stopped later through its pid file.
     */
    DETACHED,
    /**
     * Exits as soon as this JVM is gone, even if it is killed with SIGKILL and no shutdown hook
     * runs: the child watches the pipe on its standard input (see {@link ExitWithParent}). Used by
     * tests so that no broker or registry is ever orphaned.
     */
    TIED
}
