package org.popsurvey.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.schemas.Topics;
import org.popsurvey.stack.ClusterSettings;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.Runtimes;
import org.popsurvey.stack.process.JavaCommand;
import org.popsurvey.stack.process.LaunchMode;
import org.popsurvey.stack.process.ManagedProcess;
import org.popsurvey.validator.TopicSetup;

/**
 * Everything the demo starts, and their stopping: the local stack on free ports and the child
 * JVMs. Every process is TIED to the demo's JVM, so none outlives it, even after a SIGKILL;
 * {@link #close()} stops them in reverse order of start.
 */
final class DemoPipeline implements AutoCloseable {

    static final int PARTITIONS = 2;
    /** A dozen JVMs start at once on two cores: minutes, not seconds, when the machine is busy. */
    static final Duration CLUSTER_START_TIMEOUT = Duration.ofMinutes(5);

    private final Path repoRoot;
    private final Path outDir;
    private final List<ManagedProcess> children = new ArrayList<>();
    private LocalStack stack;

    DemoPipeline(Path repoRoot, Path outDir) {
        this.repoRoot = repoRoot;
        this.outDir = outDir;
    }

    LocalStack startStack(boolean hdfs) {
        return startStack(hdfs, false);
    }

    /** With {@code secure}, the secured stack ({@code stack up --secure}). */
    LocalStack startStack(boolean hdfs, boolean secure) {
        StackSettings.Builder settings = StackSettings.builder(outDir.resolve("stack"))
                .hdfs(hdfs)
                .launchMode(LaunchMode.TIED)
                .secure(secure);
        stack = LocalStack.startOnFreePorts(settings, Runtimes.locate(repoRoot));
        return stack;
    }

    /** The cluster stack of {@code stack up --cluster}, its default sizes, on free ports. */
    LocalStack startClusterStack() {
        StackSettings.Builder settings = StackSettings.builder(outDir.resolve("stack"))
                .cluster(ClusterSettings.defaults(StackSettings.DEFAULT_KAFKA_PORT))
                .startTimeout(CLUSTER_START_TIMEOUT)
                .launchMode(LaunchMode.TIED);
        stack = LocalStack.startOnFreePorts(settings, Runtimes.locate(repoRoot));
        return stack;
    }

    /** The pipeline's topics, before any consumer starts (a Spark query on a missing topic fails). */
    void createTopics(List<String> topics) {
        Map<String, Object> config = new SecureDemo(stack).adminClientSecurity();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            // Created up front so the processes may start in any order; the clean topic as the
            // validator would create it: compacted, one record per accepted Id. Replicas: the
            // broker's default, which follows the stack's size (1 alone, 3 in a cluster).
            admin.createTopics(topics.stream()
                            .map(topic -> new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty())
                                    .configs(topic.equals(Topics.CLEAN) ? TopicSetup.CLEAN_TOPIC_CONFIG : Map.of()))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CommandFailedException(
                    "Cannot create the topics " + topics + " on " + stack.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while creating topics");
        }
    }

    ManagedProcess start(PipelineProcess process, List<String> args) {
        return start(process.command(), process.javaCommand(repoRoot, args));
    }

    /** Starts a child JVM named {@code name} (its log file's name), tied to the demo's JVM. */
    ManagedProcess start(String name, JavaCommand command) {
        ManagedProcess child = new ManagedProcess(name, outDir);
        child.start(command, LaunchMode.TIED);
        children.add(child);
        return child;
    }

    /** SIGKILL of a child, on purpose (a fault test): it is no longer expected to run. */
    ManagedProcess.StopResult kill(ManagedProcess child) {
        children.remove(child);
        return child.kill();
    }

    /** Fails fast, with the end of its log, if a child has stopped on its own. */
    void checkChildrenRunning() {
        for (ManagedProcess child : children) {
            if (child.running().isEmpty()) {
                throw new CommandFailedException("The " + child.name() + " process stopped unexpectedly (log "
                        + child.log().path() + "). " + child.log().describe());
            }
        }
    }

    @Override
    public void close() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop();
        }
        children.clear();
        if (stack != null) {
            stack.stop();
            stack = null;
        }
    }
}
