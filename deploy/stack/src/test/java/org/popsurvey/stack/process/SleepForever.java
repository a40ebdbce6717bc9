package org.popsurvey.stack.process;

/** Stands in for a server: runs until it is stopped. */
public final class SleepForever {

    private SleepForever() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
