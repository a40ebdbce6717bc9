package org.popsurvey.stack.component;

import java.util.OptionalLong;

/**
 * One process of the stack as {@code stack status} sees it.
 *
 * @param name      e.g. {@code kafka-broker}
 * @param running   its pid file names a live process of this stack
 * @param pid       that process, if running
 * @param endpoint  where it listens, e.g. {@code 127.0.0.1:9092}
 * @param reachable it answers its readiness check now
 */
public record ComponentStatus(String name, boolean running, OptionalLong pid, String endpoint, boolean reachable) {}
