package org.popsurvey.ops.http;

/** Asked on every {@code /health/*} request; must be cheap and must not block. */
@FunctionalInterface
public interface HealthProbe {

    Health check();
}
