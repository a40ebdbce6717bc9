package org.popsurvey.validator;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.registry.SchemaRegistryAccessDeniedException;
import org.popsurvey.registry.SchemaRegistryUnavailableException;
import org.popsurvey.validator.metrics.ValidationCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the validator's {@link KafkaStreams} until Ctrl-C (a shutdown hook closes it cleanly, so the
 * last transaction is committed and the state checkpointed) or until it fails. A failing stream
 * thread stops the whole client: an error the validator cannot attribute to one record (registry
 * down, broker fenced, a bug) must not be skipped, and must not be retried in a tight loop.
 */
final class ValidatorRunner {

    private static final Logger log = LoggerFactory.getLogger(ValidatorRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final Topology topology;
    private final Properties properties;
    private final ValidationCounters counters;
    private final Duration statsInterval;
    private Consumer<KafkaStreams> observer = streams -> {};

    ValidatorRunner(Topology topology, Properties properties, ValidationCounters counters, Duration statsInterval) {
        this.topology = topology;
        this.properties = properties;
        this.counters = counters;
        this.statsInterval = statsInterval;
    }

    /** Hands the client, once created, to {@code observer} (the HTTP health and metrics endpoint). */
    ValidatorRunner observedBy(Consumer<KafkaStreams> observer) {
        this.observer = observer;
        return this;
    }

    /** Blocks until stopped; returns the exit code: 0 after Ctrl-C, 1 after a failure. */
    int runUntilStopped() {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean closing = new AtomicBoolean();
        KafkaStreams streams = new KafkaStreams(topology, properties);
        observer.accept(streams);
        streams.setUncaughtExceptionHandler(exception -> {
            failure.compareAndSet(null, exception);
            logFailure(exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            log.info("Validator state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        ScheduledExecutorService statsLogger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "validator-stats");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<String> lastLine = new AtomicReference<>("");
        if (!statsInterval.isZero()) {
            statsLogger.scheduleAtFixedRate(
                    () -> {
                        String line = counters.snapshot().toLogLine();
                        if (!line.equals(lastLine.getAndSet(line))) {
                            log.info("Counts: {}", line);
                        }
                    },
                    statsInterval.toMillis(),
                    statsInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        Thread hook = new Thread(
                () -> {
                    closing.set(true);
                    log.info("Stopping the validator (committing the open transaction)...");
                    streams.close(CLOSE_TIMEOUT);
                    statsLogger.shutdownNow();
                    // Logged here: once the hooks finish the JVM halts, whatever the main thread is doing.
                    log.info(
                            "Final counts (this process): {}",
                            counters.snapshot().toLogLine());
                    stopped.countDown();
                },
                "validator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        streams.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!closing.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                streams.close(CLOSE_TIMEOUT);
                statsLogger.shutdownNow();
                log.info("Final counts (this process): {}", counters.snapshot().toLogLine());
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook closes the app and logs the counts
            }
        }
        return failure.get() == null ? PopsurveyCommandLine.EXIT_OK : PopsurveyCommandLine.EXIT_FAILURE;
    }

    private static void logFailure(Throwable exception) {
        SchemaRegistryUnavailableException registryDown =
                causeOfType(exception, SchemaRegistryUnavailableException.class);
        if (registryDown != null) {
            log.error(
                    "Validator stopping: the schema registry is unreachable ({}). No record was dead-lettered for "
                            + "this; restart the validator once the registry is back and it resumes from the last "
                            + "committed offset.",
                    registryDown.getMessage());
        } else if (causeOfType(exception, SchemaRegistryAccessDeniedException.class) != null) {
            log.error(
                    "Validator stopping: the schema registry refused access ({}). No record was dead-lettered for "
                            + "this; fix the credentials and restart: it resumes from the last committed offset.",
                    causeOfType(exception, SchemaRegistryAccessDeniedException.class)
                            .getMessage());
        } else {
            log.error(
                    "Validator stopping after an unexpected error: {}",
                    PopsurveyCommandLine.describe(exception),
                    exception);
        }
    }

    private static <T extends Throwable> T causeOfType(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
