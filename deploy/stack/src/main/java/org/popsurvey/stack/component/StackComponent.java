package org.popsurvey.stack.component;

import java.time.Duration;
import java.util.List;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;

/**
 * A service of the local stack (broker, registry, HDFS), made of one or more background
 * processes. {@code LocalStack} launches every component first and then waits for each, so
 * their start-up times overlap.
 */
public interface StackComponent {

    /** Short name used for files and output, e.g. {@code kafka-broker}. */
    String name();

    /** Ports it will listen on, checked before anything is started. */
    List<PortUse> ports();

    /** Fails if its runtime is not built; called before anything is started. */
    void checkRuntime();

    /** Removes data left by an earlier run so the next launch starts empty. */
    void clearData();

    /** Launches its processes (after any one-off preparation such as formatting storage) without waiting. */
    void launch(LaunchMode mode);

    /**
     * Waits until it serves requests.
     *
     * @return time from launch until ready
     */
    Duration awaitReady(Duration timeout);

    /** Its processes, in start order. */
    List<ManagedProcess> processes();

    /** Status of each process, with a quick reachability check. */
    List<ComponentStatus> status();

    /** Stops its processes, last started first. */
    List<StopReport> stop();
}
