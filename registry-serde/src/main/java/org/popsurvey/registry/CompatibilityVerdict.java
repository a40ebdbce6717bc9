package org.popsurvey.registry;

import java.util.List;

/**
 * The registry's answer to "may this schema be registered next?": the verdict and, where the
 * registry gives them ({@code verbose=true}), its reasons. Apicurio's Confluent API gives none.
 */
public record CompatibilityVerdict(boolean compatible, List<String> messages) {}
