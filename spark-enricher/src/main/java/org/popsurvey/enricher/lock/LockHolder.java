package org.popsurvey.enricher.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds an output folder: host, process id and the process's start time, written into the
 * lock file as one line ({@code host=H pid=P started=T}). The start time tells a live holder from
 * a later process that reuses its pid.
 */
public record LockHolder(String host, long pid, Instant started) {

    private static final Pattern LINE = Pattern.compile("host=(\\S+) pid=(\\d+) started=(\\S+)");

    /** This process. */
    public static LockHolder current() {
        ProcessHandle self = ProcessHandle.current();
        return new LockHolder(
                localHost(), self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
    }

    public String line() {
        return "host=" + host + " pid=" + pid + " started=" + started + "\n";
    }

    /** The holder of the last well-formed line of {@code text} (a lock file keeps one line per holder). */
    public static Optional<LockHolder> lastOf(String text) {
        LockHolder last = null;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                try {
                    last = new LockHolder(m.group(1), Long.parseLong(m.group(2)), Instant.parse(m.group(3)));
                } catch (RuntimeException e) {
                    // A torn line (the holder died while writing it): the previous one stands.
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * True only when this holder certainly no longer runs: it ran on this host and its pid is gone
     * or now belongs to a process started at another time. A holder on another host is never
     * judged from here.
     */
    public boolean isGoneFromThisHost() {
        if (!host.equals(localHost())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return start.isPresent() && !start.get().equals(started);
    }

    public String describe() {
        return "pid " + pid + " on host " + host + ", started " + started;
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env : "localhost";
        }
    }
}
