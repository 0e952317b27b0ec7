package org.orderplatform.messaging;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.http.HttpRoutes;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a service hands to whoever runs it (the launcher, or a test): its subscriber groups, its
 * HTTP routes and its verticle. Each service's composition root implements it, so the launcher
 * and the tests wire every service the same way.
 */
public interface ServiceModule {

  List<Subscription<?>> subscriptions();

  HttpRoutes routes();

  Deployable verticle();

  /** Builds a service's module from what every service gets: Vert.x, its pool, the clock and ids. */
  @FunctionalInterface
  interface Factory {
    ServiceModule create(Vertx vertx, Pool pool, Clock clock, Supplier<UUID> ids);
  }
}
