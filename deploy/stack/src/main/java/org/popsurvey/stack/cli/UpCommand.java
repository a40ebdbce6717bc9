package org.popsurvey.stack.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.StackSettings;
import org.popsurvey.stack.component.ComponentStatus;
import org.popsurvey.stack.component.RepoRoot;
import org.popsurvey.stack.component.Runtimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code popsurvey stack up}: starts the stack in the background and prints how to reach it. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a single-node KRaft Kafka broker and the Apicurio schema registry (Confluent API) on 127.0.0.1 as "
                    + "background processes, with --hdfs also a NameNode and a DataNode; waits until each is ready, "
                    + "prints the connection settings and returns. The processes keep running until `stack down`.",
            "Each `up` starts with empty data: it wipes the data of the previous run in the state folder, and only in a "
                    + "folder it made (a .popsurvey-stack file marks it); a non-empty folder without it is refused.",
            "If any component fails to start, everything started so far is stopped."
        })
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Mixin
    PortOptions ports;

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--start-timeout",
            paramLabel = "DURATION",
            defaultValue = "120s",
            description =
                    "How long to wait for each component to become ready, e.g. 90s or 3m (default: ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @Option(
            names = "--secure",
            description = "Lock the stack down: SASL_SSL with SCRAM-SHA-512 and ACLs on the broker, HTTPS and users on "
                    + "the registry, a CA of its own; writes one client properties file per component (passwords "
                    + "are generated, never printed). See docs/security.md.")
    boolean secure;

    @Override
    public Integer call() {
        StackSettings.Builder builder = ports.applyTo(StackSettings.builder(location.stateDir()));
        StackSettings settings = cluster.applyTo(builder, builder.build().kafkaPort())
                .startTimeout(startTimeout)
                .secure(secure)
                .build();
        LocalStack stack = LocalStack.start(settings, Runtimes.locate(RepoRoot.find()));

        PrintWriter out = spec.commandLine().getOut();
        out.println("Local stack is up. State and logs: " + settings.stateDir());
        for (ComponentStatus component : stack.status()) {
            out.printf(
                    "  %-16s pid %-8s %s%n",
                    component.name(),
                    component.pid().isPresent() ? Long.toString(component.pid().getAsLong()) : "-",
                    component.endpoint());
        }
        StringBuilder ready = new StringBuilder("Ready after:");
        for (Map.Entry<String, Duration> time : stack.readyTimes().entrySet()) {
            ready.append(
                    String.format(" %s %.1f s;", time.getKey(), time.getValue().toMillis() / 1000.0));
        }
        out.println(ready.substring(0, ready.length() - 1));
        out.println("Connection settings:");
        out.println("  --bootstrap-servers " + stack.bootstrapServers());
        out.println("  --schema-registry-url " + stack.schemaRegistryUrl());
        stack.hdfsUri()
                .ifPresent(uri -> out.println("  HDFS: " + uri + "  (clients writing to it need dfs.replication="
                        + stack.cluster().map(c -> c.hdfs().replication()).orElse(1) + ")"));
        ClusterOptions.describe(stack, out);
        stack.secure().ifPresent(secured -> SecureStackDescription.print(secured, out));
        out.println("Logs: " + settings.logDir());
        out.println("Stop with: popsurvey stack down"
                + (location.stateDir != null ? " --state-dir " + settings.stateDir() : ""));
        out.flush();
        return 0;
    }
}
