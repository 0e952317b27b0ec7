package org.orderplatform.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.orderplatform.plumbing.db.PgSettings;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every service's composition root is built from.
 *
 * @param db       where {@code pool} connects, for a role that needs a connection of its own (a leader's lock)
 * @param env      the environment, read once by the module into its own typed settings record
 * @param localUrl this JVM's own HTTP server ({@code http://127.0.0.1:8080}), known once it listens;
 *                 a service that talks to a neighbour mounted on the same server (the payment
 *                 provider simulator) asks for it when it first needs it
 * @param meters   where the service registers its own meters (served at {@link PlatformMetrics#PATH});
 *                 their labels take few values: never an order's or a customer's id
 */
public record ServiceContext(Vertx vertx, Pool pool, PgSettings db, Clock clock, Supplier<UUID> ids, Function<String, String> env,
                             Supplier<String> localUrl, MeterRegistry meters) {
}
