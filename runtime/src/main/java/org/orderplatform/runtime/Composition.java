package org.orderplatform.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.MessagingVerticle;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.messaging.admin.GroupGauges;
import org.orderplatform.messaging.admin.MessagingAdmin;
import org.orderplatform.messaging.inbox.InboxVerticle;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.plumbing.http.HttpRoutes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * How one JVM runs its services, in one place for the launcher and the test harness: each
 * service's inboxes, the messaging roles (sequencer, a dispatcher per group) for all their groups,
 * every service's own background verticles and readiness checks, the subscriber groups' gauges,
 * and every service's routes plus the admin API (on a management router of its own when the JVM
 * has a management port).
 */
public final class Composition {

  /** A service module and the pool of its database. */
  public record Hosted(ServiceModule module, Pool pool) {
  }

  /**
   * Where routes go: every service's on {@code api}, the admin API on {@code management}. A JVM
   * without a management port has one server, and both are its root router.
   */
  public record Routers(Router api, Router management) {
    public static Routers one(Router root) {
      return new Routers(root, root);
    }
  }

  /** Where the event log lives, how its roles run and where they count what they do. */
  public record Messaging(PgSettings settings, Pool pool, MessagingVerticle.Timing timing, String adminToken,
                          MeterRegistry meters) {
  }

  private Composition() {
  }

  /** As below, on one router, with the services' readiness checks left out. */
  public static Future<MessagingVerticle> compose(Vertx vertx, Router root, Messaging messaging, List<Hosted> services,
                                                  Clock clock) {
    return compose(vertx, Routers.one(root), HealthChecks.create(vertx), messaging, services, clock);
  }

  /**
   * Deploys the services' inboxes, then the messaging roles; mounts the routes (add routes of
   * your own to the routers before calling) and registers every service's readiness checks.
   */
  public static Future<MessagingVerticle> compose(Vertx vertx, Routers routers, HealthChecks readiness,
                                                  Messaging messaging, List<Hosted> services, Clock clock) {
    List<Subscription<?>> subscriptions = new ArrayList<>();
    List<HttpRoutes> routes = new ArrayList<>();
    List<Future<String>> inboxes = new ArrayList<>();
    for (Hosted hosted : services) {
      subscriptions.addAll(hosted.module().subscriptions());
      routes.addAll(hosted.module().routes());
      inboxes.add(vertx.deployVerticle(new InboxVerticle(hosted.pool(), hosted.module().subscriptions())));
      hosted.module().readinessChecks().forEach(check -> check.registerWith(readiness));
    }
    List<Deployable> own = services.stream().flatMap(hosted -> hosted.module().verticles().stream()).toList();
    MessagingVerticle roles = new MessagingVerticle(messaging.settings(), messaging.pool(), subscriptions, clock,
        messaging.timing(), messaging.meters());
    var admin = new HttpRoutes("/admin*",
        new MessagingAdmin(messaging.pool(), roles::dispatchers, messaging.adminToken()).router(vertx));
    if (routers.management() == routers.api()) {
      routes.add(admin);
      HttpRoutes.mountAll(routers.api(), routes);
    } else {
      HttpRoutes.mountAll(routers.api(), routes);
      HttpRoutes.mountAll(routers.management(), List.of(admin));
    }
    return Future.all(inboxes)
        .compose(v -> Future.all(own.stream().map(vertx::deployVerticle).toList()))
        .compose(v -> vertx.deployVerticle(new GroupGauges(messaging.pool(), messaging.meters())))
        .compose(v -> vertx.deployVerticle(roles)).map(roles);
  }
}
