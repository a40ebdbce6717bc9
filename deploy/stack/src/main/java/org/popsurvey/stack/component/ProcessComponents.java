package org.popsurvey.stack.component;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.popsurvey.stack.process.ManagedProcess;

/** Behaviour the components share: status and stop of their processes. */
final class ProcessComponents {

    private ProcessComponents() {}

    static ComponentStatus status(ManagedProcess process, String endpoint, boolean reachable) {
        OptionalLong pid =
                process.running().map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty());
        return new ComponentStatus(process.name(), pid.isPresent(), pid, endpoint, reachable);
    }

    static List<StopReport> stopInReverse(List<ManagedProcess> processes) {
        List<StopReport> reports = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            ManagedProcess process = processes.get(i);
            OptionalLong pid = process.running()
                    .map(handle -> OptionalLong.of(handle.pid()))
                    .orElse(OptionalLong.empty());
            reports.add(new StopReport(process.name(), pid, process.stop()));
        }
        return reports;
    }
}
