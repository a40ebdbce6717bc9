package org.popsurvey.registry;

import java.util.List;

/**
 * The registry's answer to "may this schema be registered next?": the verdict and, where the
 * registry gives them ({@code verbose=true}): Confluent lists messages, Apicurio gives one terse reason.
 */
public record CompatibilityVerdict(boolean compatible, List<String> messages) {}
