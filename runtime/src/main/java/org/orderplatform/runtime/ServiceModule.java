package org.orderplatform.runtime;

import io.vertx.core.Deployable;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.plumbing.http.HttpRoutes;

import java.util.List;

/**
 * What a service hands to whoever runs it: its subscriber groups, its HTTP routes and any
 * background roles and readiness checks of its own. Each service's composition root implements it, and
 * {@link Composition} runs every module the same way in the launcher and in the tests.
 */
public interface ServiceModule {

  List<Subscription<?>> subscriptions();

  List<HttpRoutes> routes();

  /** Background roles (a leader-elected deadline scanner, say), deployed after the inboxes. */
  default List<Deployable> verticles() {
    return List.of();
  }

  /**
   * What else must hold before this JVM may take traffic for the service (its provider's circuit
   * closed, say); {@link Composition} registers each under its name with the JVM's readiness.
   */
  default List<ReadinessCheck> readinessChecks() {
    return List.of();
  }

  /** Builds a service's module from what every service gets (see {@link ServiceContext}). */
  @FunctionalInterface
  interface Factory {
    ServiceModule create(ServiceContext context);
  }
}
