package org.orderplatform.launcher;

import io.vertx.core.Deployable;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import org.orderplatform.codecs.Codecs;
import org.orderplatform.plumbing.db.Migrations;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.runtime.PlatformMetrics;
import org.orderplatform.runtime.PlatformTracing;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code java -jar order-platform.jar [-cluster] [--services=order,inventory] [--http-port=8080] [--http-host=0.0.0.0]
 * [--management-port=9090]}.
 * Reads the configuration, migrates the schemas of the services it runs, then lets Vert.x's
 * launcher start (and cluster) Vert.x and deploy the {@link PlatformVerticle}.
 */
public final class Launcher extends VertxApplication implements VertxApplicationHooks {

  public static final String EVENTLOG_SCHEMA = "eventlog";

  private final PlatformConfig config;
  private final PlatformMetrics metrics = PlatformMetrics.create();
  private final PlatformTracing tracing = PlatformTracing.fromEnvironment();
  private ClusterManager clusterManager;

  private Launcher(String[] vertxArgs, PlatformConfig config) {
    super(vertxArgs);
    this.config = config;
  }

  public static void main(String[] args) {
    // java.util.logging (the OpenTelemetry logging exporter, among others) into logback.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    PlatformConfig.Parsed parsed;
    try {
      parsed = PlatformConfig.parse(args, System::getenv);
    } catch (IllegalArgumentException e) {
      System.err.println("order-platform: " + e.getMessage());
      System.exit(2);
      return;
    }
    PlatformConfig config = parsed.config();
    migrate(config);
    if (config.adminToken().generated()) {
      LoggerFactory.getLogger(Launcher.class).info("admin API token for this run: {} (send 'Authorization: Bearer <token>' "
          + "to /admin; set ADMIN_TOKEN to choose your own)", config.adminToken().value());
    }
    new Launcher(parsed.vertxArgs(), config).launch();
  }

  /** Migrates every schema this JVM needs; an unreachable database ends the process with one line. */
  static void migrate(PlatformConfig config) {
    Map<String, PgSettings> schemas = new LinkedHashMap<>();
    schemas.put(EVENTLOG_SCHEMA, config.platformDb());
    config.services().forEach(service -> schemas.put(service.schema(), config.serviceDbs().get(service)));
    schemas.forEach((schema, db) -> {
      try {
        Migrations.migrate(db, schema);
      } catch (RuntimeException e) {
        System.err.println("order-platform: cannot migrate schema '" + schema + "' at " + db.safeUrl() + ": "
            + rootMessage(e) + ". Is PostgreSQL running there? Start it (for example `pg_ctlcluster 15 main start`) "
            + "or point PG_URL at one, e.g. PG_URL=postgresql://postgres@127.0.0.1:5432/postgres");
        System.exit(1);
      }
    });
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    Clustering.Node node = Clustering.node(config, options, metrics, tracing);
    clusterManager = node.clusterManager().orElse(null);
    return node.builder();
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    Codecs.registerAll(context.vertx());
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    Supplier<UUID> ids = UUID::randomUUID;
    return () -> new PlatformVerticle(config, Optional.ofNullable(clusterManager), System::getenv, Clock.systemUTC(), ids,
        metrics);
  }
}
