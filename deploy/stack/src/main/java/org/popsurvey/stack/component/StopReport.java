package org.popsurvey.stack.component;

import java.util.OptionalLong;
import org.popsurvey.stack.process.ManagedProcess.StopResult;

/** What stopping one process did. */
public record StopReport(String name, OptionalLong pid, StopResult result) {}
