package org.orderplatform.runtime;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.plumbing.http.HttpRoutes;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a service hands to whoever runs it: its subscriber groups and its HTTP routes. Each
 * service's composition root implements it, and {@link Composition} runs every module the same
 * way in the launcher and in the tests.
 */
public interface ServiceModule {

  List<Subscription<?>> subscriptions();

  HttpRoutes routes();

  /** Builds a service's module from what every service gets: Vert.x, its pool, the clock and ids. */
  @FunctionalInterface
  interface Factory {
    ServiceModule create(Vertx vertx, Pool pool, Clock clock, Supplier<UUID> ids);
  }
}
