package org.popsurvey.enricher.lock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;
import org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException;
import org.apache.hadoop.ipc.RemoteException;
import org.popsurvey.cli.CommandFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock of an {@code hdfs://} output: the lock file kept open for append. HDFS lets one client
 * at a time write a file (the NameNode's lease), the client renews that lease in the background
 * while its process lives, and a lease not renewed for 60 s (HDFS's soft limit) is given to the
 * next writer. So:
 * <ol>
 *   <li>{@code create} without overwrite, or {@code append} to the file a previous holder closed:
 *       the lock is ours; our line is appended and flushed;</li>
 *   <li>the file is being written by someone else: its last line names the holder. If that holder
 *       ran on this host and its process is gone, its lease is recovered at once
 *       ({@code recoverLease}) and we append; otherwise the job stops, naming it. A holder killed
 *       on another host is taken over once HDFS lets its lease lapse (60 s).</li>
 * </ol>
 * Chosen over a heartbeat file of our own because the NameNode is the single judge of who may
 * write, with its own clock: no comparing timestamps across hosts, and no window in which two
 * contenders both believe they took over a stale file (append grants the lease to one of them).
 */
final class HdfsOutputLock extends OutputLock {

    private static final Logger log = LoggerFactory.getLogger(HdfsOutputLock.class);
    private static final long RECOVERY_TIMEOUT_MS = 60_000;

    private final FSDataOutputStream out;

    private HdfsOutputLock(Path file, FSDataOutputStream out) {
        super(file);
        this.out = out;
    }

    static OutputLock acquire(DistributedFileSystem dfs, Path file) throws IOException {
        Attempt attempt = tryCreateOrAppend(dfs, file);
        if (attempt.state() == State.HELD) {
            LockHolder holder = LockHolder.lastOf(read(dfs, file)).orElse(null);
            if (holder == null || !holder.isGoneFromThisHost()) {
                String who = holder == null ? "a process that has not written its name yet" : holder.describe();
                throw heldBy(
                        file,
                        who,
                        "; if it was killed on another host, HDFS frees its lease within 60 s "
                                + "of its death and a new start then takes over.");
            }
            log.warn("Taking over the lock {} from {}, which is no longer running", file, holder.describe());
        }
        if (attempt.state() != State.TAKEN) {
            recoverLease(dfs, file);
            attempt = tryCreateOrAppend(dfs, file);
            if (attempt.state() != State.TAKEN) {
                throw heldBy(file, "another enricher, which took it over first", ".");
            }
        }
        FSDataOutputStream out = attempt.out();
        out.write(LockHolder.current().line().getBytes(StandardCharsets.UTF_8));
        out.hflush();
        return new HdfsOutputLock(file, out);
    }

    private enum State {
        TAKEN,
        HELD,
        LAPSED
    }

    private record Attempt(State state, FSDataOutputStream out) {}

    /**
     * The file opened for writing (TAKEN), or another client's lease on it: still renewed (HELD) or
     * lapsed, its recovery under way (LAPSED).
     */
    private static Attempt tryCreateOrAppend(DistributedFileSystem dfs, Path file) throws IOException {
        try {
            return new Attempt(State.TAKEN, dfs.create(file, false));
        } catch (FileAlreadyExistsException e) {
            // Exists: closed by an earlier holder (append takes it) or being written by another.
        } catch (IOException e) {
            return new Attempt(leaseState(e), null);
        }
        try {
            return new Attempt(State.TAKEN, dfs.append(file));
        } catch (IOException e) {
            return new Attempt(leaseState(e), null);
        }
    }

    private static State leaseState(IOException e) throws IOException {
        // By name: the NameNode's RecoveryInProgressException is not in the HDFS client's jar.
        String name = e instanceof RemoteException remote
                ? remote.getClassName()
                : e.getClass().getName();
        if (name.endsWith(".RecoveryInProgressException")) {
            return State.LAPSED;
        }
        if (name.equals(AlreadyBeingCreatedException.class.getName())) {
            return State.HELD;
        }
        throw e;
    }

    /** Closes the dead holder's file now instead of after the lease's soft limit. */
    private static void recoverLease(DistributedFileSystem dfs, Path file) throws IOException {
        long deadline = System.currentTimeMillis() + RECOVERY_TIMEOUT_MS;
        while (!dfs.recoverLease(file)) {
            if (System.currentTimeMillis() > deadline) {
                throw new CommandFailedException("HDFS did not close the lock " + file + " of a stopped enricher "
                        + "within " + RECOVERY_TIMEOUT_MS / 1000 + " s; try again shortly");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailedException("Interrupted while taking over the lock " + file, e);
            }
        }
    }

    private static String read(DistributedFileSystem dfs, Path file) throws IOException {
        try (InputStream in = dfs.open(file)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Asks the NameNode to record the file's length, which it refuses if our lease is gone. */
    @Override
    public void checkHeld() {
        try {
            if (out instanceof HdfsDataOutputStream hdfs) {
                hdfs.hsync(EnumSet.of(HdfsDataOutputStream.SyncFlag.UPDATE_LENGTH));
            } else {
                out.hsync();
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "This enricher no longer holds the lock " + file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // The lease lapses by itself; the next start on this host takes it over at once.
            log.warn("Could not close the lock {} cleanly: {}", file(), e.getMessage());
        }
    }
}
