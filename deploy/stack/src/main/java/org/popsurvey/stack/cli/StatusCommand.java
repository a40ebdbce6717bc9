package org.popsurvey.stack.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.popsurvey.stack.LocalStack;
import org.popsurvey.stack.component.ComponentStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code popsurvey stack status}: one line per process. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Reports each component of the local stack: running or not, pid, port, and whether it answers now.",
            "Ports default to those recorded by `stack up` in the state folder.",
            "Exit code 0 if every component is running and answers, 1 otherwise."
        })
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Mixin
    PortOptions ports;

    @Override
    public Integer call() {
        LocalStack stack = location.attach(ports);
        List<ComponentStatus> status = stack.status();

        PrintWriter out = spec.commandLine().getOut();
        out.println("Local stack in " + stack.settings().stateDir() + ":");
        for (ComponentStatus component : status) {
            out.printf(
                    "  %-16s %-8s pid %-8s %-50s %s%n",
                    component.name(),
                    component.running() ? "running" : "stopped",
                    component.pid().isPresent() ? Long.toString(component.pid().getAsLong()) : "-",
                    component.endpoint(),
                    component.reachable() ? "reachable" : "not reachable");
        }
        out.flush();
        return status.stream().allMatch(c -> c.running() && c.reachable()) ? 0 : 1;
    }
}
