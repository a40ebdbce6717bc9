package org.popsurvey.stack.process;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Wraps another main class so the process exits when its parent does.
 *
 * <p>The parent keeps the write end of this process's standard input open and never writes to
 * it; when the parent dies, however it dies, the operating system closes that pipe and the read
 * below returns end-of-file. {@link System#exit} then runs the wrapped program's own shutdown
 * hooks (a Kafka broker shuts down cleanly); if they hang, the process halts after
 * {@link #HALT_AFTER_SECONDS}.
 *
 * <p>Usage: {@code java -cp <classpath incl. this class> org.popsurvey.stack.process.ExitWithParent
 * <main class> [args...]}
 */
public final class ExitWithParent {

    /** Grace given to the wrapped program's shutdown hooks before the process halts. */
    public static final long HALT_AFTER_SECONDS = 30;

    private ExitWithParent() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ExitWithParent <main class> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(ExitWithParent::exitAtEndOfInput, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitAtEndOfInput() {
        try {
            while (System.in.read() != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same thing as end-of-file: the parent is gone.
        }
        System.err.println("[exit-with-parent] parent process is gone; shutting down");
        Thread halter = new Thread(
                () -> {
                    try {
                        TimeUnit.SECONDS.sleep(HALT_AFTER_SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(1);
                },
                "exit-with-parent-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }
}
