package org.orderplatform.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.MessagingVerticle;
import org.orderplatform.messaging.ServiceModule;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.messaging.admin.MessagingAdmin;
import org.orderplatform.messaging.db.PgSettings;
import org.orderplatform.messaging.db.Pools;
import org.orderplatform.messaging.http.HttpRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Composes this JVM: one pool per database, the chosen services' modules, the messaging roles
 * for their subscriber groups, and one HTTP server mounting every local service's routes.
 */
public final class PlatformVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(PlatformVerticle.class);

  private final PlatformConfig config;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final Map<String, Pool> pools = new HashMap<>();
  private HttpServer server;

  public PlatformVerticle(PlatformConfig config, Clock clock, Supplier<UUID> ids) {
    this.config = config;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Future<?> start() {
    Pool platformPool = pool(config.platformDb());
    List<Subscription<?>> subscriptions = new ArrayList<>();
    List<HttpRoutes> routes = new ArrayList<>();
    List<Future<String>> deployments = new ArrayList<>();
    for (Service service : config.services()) {
      ServiceModule module = service.factory().create(vertx, pool(config.serviceDbs().get(service)), clock, ids);
      subscriptions.addAll(module.subscriptions());
      routes.add(module.routes());
      deployments.add(vertx.deployVerticle(module.verticle()));
    }
    Router root = Router.router(vertx);
    root.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    root.get("/ready").handler(ctx -> platformPool.query("select 1").execute()
        .onSuccess(rows -> ctx.json(new JsonObject().put("status", "READY")
            .put("services", config.services().stream().map(Service::flagName).toList())))
        .onFailure(e -> ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
            .end(new JsonObject().put("status", "NOT_READY").put("reason", e.getMessage()).encode())));
    MessagingVerticle messaging = new MessagingVerticle(config.platformDb(), platformPool, subscriptions, clock,
        MessagingVerticle.Timing.defaults());
    routes.add(new HttpRoutes("/admin*", new MessagingAdmin(platformPool, messaging::dispatchers).router(vertx)));
    HttpRoutes.mountAll(root, routes);
    return Future.all(deployments)
        .compose(v -> vertx.deployVerticle(messaging, new DeploymentOptions()))
        .compose(v -> vertx.createHttpServer().requestHandler(root).listen(config.httpPort(), config.httpHost()))
        .onSuccess(s -> {
          server = s;
          log.info("order platform up: services {} on http://{}:{}", config.services(), config.httpHost(), s.actualPort());
        });
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
