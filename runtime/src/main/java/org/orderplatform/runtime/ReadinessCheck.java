package org.orderplatform.runtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One named part of a JVM's readiness ({@code GET /ready}). The check answers with a
 * {@link Status} (UP or DOWN, with details as data) and must not fail: a failed future would be
 * reported as the probe's own error (500) instead of "not ready" (503).
 */
public record ReadinessCheck(String name, Supplier<Future<Status>> check) {

  /** A probe waits this long for a check; one that has not answered by then is DOWN. */
  public static final Duration PATIENCE = Duration.ofSeconds(2);

  /**
   * Registers the check; one that fails or does not answer within {@link #PATIENCE} is reported
   * DOWN with the error, so the probe answers 503 and says why.
   */
  public void registerWith(HealthChecks readiness) {
    // The library's own timeout is a procedure error (500); ours comes first.
    readiness.register(name, PATIENCE.toMillis() * 2, promise -> check.get()
        .timeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
        .recover(e -> Future.succeededFuture(Status.KO(new JsonObject().put("error", e.toString()))))
        .onComplete(promise));
  }
}
