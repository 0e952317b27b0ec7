package org.orderplatform.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.MessagingVerticle;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.plumbing.db.Pools;
import org.orderplatform.runtime.Composition;
import org.orderplatform.runtime.PlatformMetrics;
import org.orderplatform.runtime.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Composes this JVM: one pool per database, the chosen services through {@link Composition}, and
 * one HTTP server mounting every local service's routes.
 */
public final class PlatformVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(PlatformVerticle.class);

  private final PlatformConfig config;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final Function<String, String> env;
  private final PlatformMetrics metrics;
  private final Map<String, Pool> pools = new HashMap<>();
  private final AtomicReference<String> localUrl = new AtomicReference<>();

  public PlatformVerticle(PlatformConfig config, Function<String, String> env, Clock clock, Supplier<UUID> ids,
                          PlatformMetrics metrics) {
    this.config = config;
    this.env = env;
    this.clock = clock;
    this.ids = ids;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    Pool platformPool = pool(config.platformDb());
    List<Composition.Hosted> services = new ArrayList<>();
    for (Service service : config.services()) {
      PgSettings db = config.serviceDbs().get(service);
      Pool pool = pool(db);
      var context = new ServiceContext(vertx, pool, db, clock, ids, env, localUrl::get, metrics.registry());
      services.add(new Composition.Hosted(service.factory().create(context), pool));
    }
    Router root = Router.router(vertx);
    root.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    root.get("/ready").handler(ctx -> platformPool.query("select 1").execute()
        .onSuccess(rows -> ctx.json(new JsonObject().put("status", "READY")
            .put("services", config.services().stream().map(Service::flagName).toList())))
        .onFailure(e -> ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
            .end(new JsonObject().put("status", "NOT_READY").put("reason", e.getMessage()).encode())));
    root.get(PlatformMetrics.PATH).handler(metrics.scrapeHandler());
    var messaging = new Composition.Messaging(config.platformDb(), platformPool, MessagingVerticle.Timing.defaults(),
        config.adminToken().value(), metrics.registry());
    return Composition.compose(vertx, root, messaging, services, clock)
        .compose(v -> vertx.createHttpServer().requestHandler(root).listen(config.httpPort(), config.httpHost()))
        .onSuccess(s -> localUrl.set("http://127.0.0.1:" + s.actualPort()))
        .onSuccess(s -> log.info("order platform up: services {} on http://{}:{}", config.services(),
            config.httpHost(), s.actualPort()));
  }

  private Pool pool(PgSettings settings) {
    return pools.computeIfAbsent(settings.url(), url -> Pools.pool(vertx, settings));
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    pools.values().forEach(pool -> closing.add(pool.close()));
    return Future.join(closing);
  }
}
