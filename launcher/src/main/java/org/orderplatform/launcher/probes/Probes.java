package org.orderplatform.launcher.probes;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * This JVM's probes, with Kubernetes' meaning. {@code GET /health} (liveness) answers when the
 * event loop does, and checks nothing else: restarting a JVM because its database is away would
 * not bring the database back. {@code GET /ready} (readiness) runs every registered
 * {@link org.orderplatform.runtime.ReadinessCheck}: 200 when all are UP, else 503, each check
 * named with its status and details.
 */
public final class Probes {

  public static final String LIVENESS_PATH = "/health";
  public static final String READINESS_PATH = "/ready";

  private final HealthChecks liveness;
  private final HealthChecks readiness;

  private Probes(HealthChecks liveness, HealthChecks readiness) {
    this.liveness = liveness;
    this.readiness = readiness;
  }

  public static Probes create(Vertx vertx) {
    // A probe without a check answers 204; this one answers from the event loop that serves it.
    HealthChecks liveness = HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(Status.OK()));
    return new Probes(liveness, HealthChecks.create(vertx));
  }

  /** Where the checks of {@code /ready} are registered. */
  public HealthChecks readiness() {
    return readiness;
  }

  public void mount(Router router) {
    router.get(LIVENESS_PATH).handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get(READINESS_PATH).handler(HealthCheckHandler.createWithHealthChecks(readiness));
  }
}
