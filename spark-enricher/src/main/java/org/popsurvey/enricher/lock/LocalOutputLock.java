package org.popsurvey.enricher.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.Path;

/**
 * An OS file lock ({@code fcntl}) on the lock file of a local output folder. The kernel drops it
 * when the holding process ends, {@code kill -9} included, so no staleness has to be guessed.
 */
final class LocalOutputLock extends OutputLock {

    private final FileChannel channel;
    private final FileLock lock;

    private LocalOutputLock(Path file, FileChannel channel, FileLock lock) {
        super(file);
        this.channel = channel;
        this.lock = lock;
    }

    static OutputLock acquire(java.nio.file.Path local, Path file) throws IOException {
        Files.createDirectories(local.getParent());
        FileChannel channel =
                FileChannel.open(local, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM (another job in the same process)
        }
        if (lock == null) {
            String text = new String(Files.readAllBytes(local), StandardCharsets.UTF_8);
            channel.close();
            String holder = LockHolder.lastOf(text)
                    .map(LockHolder::describe)
                    .orElse("a process that has not written its name yet");
            throw heldBy(file, holder, "; it keeps the lock until it stops.");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(LockHolder.current().line().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new LocalOutputLock(file, channel, lock);
    }

    @Override
    public void checkHeld() {
        if (!lock.isValid()) {
            throw new IllegalStateException("This enricher no longer holds the lock " + file());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the lock " + file(), e);
        }
    }
}
