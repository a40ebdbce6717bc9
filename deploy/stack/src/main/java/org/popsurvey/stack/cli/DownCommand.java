package org.popsurvey.stack.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.component.KafkaBrokerProcess;
import org.popsurvey.stack.component.PortUse;
import org.popsurvey.stack.component.Ports;
import org.popsurvey.stack.component.SchemaRegistryProcess;
import org.popsurvey.stack.component.StopReport;
import org.popsurvey.stack.process.ManagedProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code popsurvey stack down}: stops what {@code up} started. */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = {
            "Stops the local stack's processes (SIGTERM, then SIGKILL after " + ManagedProcess.STOP_GRACE_SECONDS
                    + " s). Logs and data stay in the state " + "folder until the next `stack up`.",
            "Exit code 0 when nothing of the stack is left running, 1 otherwise."
        })
public final class DownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Mixin
    PortOptions ports;

    @Override
    public Integer call() {
        LocalStack stack = location.attach(ports);
        List<StopReport> reports = stack.stop();

        PrintWriter out = spec.commandLine().getOut();
        boolean anyRunning = false;
        for (StopReport report : reports) {
            out.printf(
                    "  %-16s %s%s%n",
                    report.name(),
                    report.result(),
                    report.pid().isPresent() ? " (pid " + report.pid().getAsLong() + ")" : "");
            anyRunning |= report.result() != ManagedProcess.StopResult.NOT_RUNNING;
        }
        if (!anyRunning) {
            out.println("Nothing was running from " + stack.settings().stateDir() + ".");
            for (PortUse use : List.of(
                    new PortUse(stack.settings().kafkaPort(), KafkaBrokerProcess.NAME, "--kafka-port"),
                    new PortUse(stack.settings().registryPort(), SchemaRegistryProcess.NAME, "--registry-port"))) {
                if (Ports.accepts(use.port())) {
                    out.println("Note: port " + use.port() + " (" + use.what()
                            + ") is in use by a process this stack did not start "
                            + "(or one started with another --state-dir).");
                }
            }
        }
        out.flush();
        return reports.stream().anyMatch(r -> r.result() == ManagedProcess.StopResult.STILL_RUNNING) ? 1 : 0;
    }
}
