package org.orderplatform.launcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.orderplatform.launcher.probes.ClusterReadiness;
import org.orderplatform.launcher.probes.DatabaseReadiness;
import org.orderplatform.launcher.probes.LogReadiness;
import org.orderplatform.launcher.probes.MessagingReadiness;
import org.orderplatform.launcher.probes.Probes;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Composes this JVM: one pool per database, the chosen services through {@link Composition}, one
 * HTTP server mounting every local service's routes, and the probes and admin API on it too, or
 * on a second server of their own when a management port is set.
 */
public final class PlatformVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(PlatformVerticle.class);

  private final PlatformConfig config;
  private final PlatformMetrics metrics;
  private final Optional<ClusterManager> clusterManager;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final Function<String, String> env;
  private final Map<String, Pool> pools = new HashMap<>();
  private final AtomicReference<String> localUrl = new AtomicReference<>();

  /** @param clusterManager the cluster manager when clustered, asked whether this node is a member */
  public PlatformVerticle(PlatformConfig config, Optional<ClusterManager> clusterManager, Function<String, String> env,
                          Clock clock, Supplier<UUID> ids, PlatformMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.clusterManager = clusterManager;
    this.env = env;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Future<?> start() {
    Pool platformPool = pool(config.platformDb());
    Map<Pool, List<String>> schemas = new LinkedHashMap<>();
    schemas.computeIfAbsent(platformPool, p -> new ArrayList<>()).add(Launcher.EVENTLOG_SCHEMA);
    List<Composition.Hosted> services = new ArrayList<>();
    for (Service service : config.services()) {
      PgSettings db = config.serviceDbs().get(service);
      Pool pool = pool(db);
      schemas.computeIfAbsent(pool, p -> new ArrayList<>()).add(service.schema());
      var context = new ServiceContext(vertx, pool, db, clock, ids, env, localUrl::get, metrics.registry());
      services.add(new Composition.Hosted(service.factory().create(context), pool));
    }
    Router api = Router.router(vertx);
    Router management = config.managementPort().isPresent() ? Router.router(vertx) : api;
    Probes probes = Probes.create(vertx);
    probes.mount(management);
    management.get(PlatformMetrics.PATH).handler(metrics.scrapeHandler());
    DatabaseReadiness.check(schemas).registerWith(probes.readiness());
    ClusterReadiness.check(vertx, clusterManager).registerWith(probes.readiness());
    LogReadiness.check(platformPool, config.readiness()).registerWith(probes.readiness());
    var messaging = new Composition.Messaging(config.platformDb(), platformPool, MessagingVerticle.Timing.defaults(),
        config.adminToken().value(), metrics.registry());
    return Composition.compose(vertx, new Composition.Routers(api, management), probes.readiness(), messaging,
            services, clock)
        .onSuccess(roles -> MessagingReadiness.check(roles::standings).registerWith(probes.readiness()))
        .compose(roles -> listen(api, config.httpPort()))
        .onSuccess(server -> localUrl.set("http://127.0.0.1:" + server.actualPort()))
        .compose(server -> managementServer(management).map(managed -> {
          log.info("order platform up: services {} on http://{}:{}{}", config.services(), config.httpHost(),
              server.actualPort(), managed == null ? ""
                  : ", probes, metrics and admin API on port " + managed.actualPort());
          return server;
        }));
  }

  private Future<HttpServer> listen(Router router, int port) {
    return vertx.createHttpServer().requestHandler(router).listen(port, config.httpHost());
  }

  private Future<HttpServer> managementServer(Router management) {
    return config.managementPort().isPresent() ? listen(management, config.managementPort().getAsInt())
        : Future.succeededFuture();
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
