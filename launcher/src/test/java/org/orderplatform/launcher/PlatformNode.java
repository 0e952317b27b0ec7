package org.orderplatform.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import org.orderplatform.codecs.Codecs;
import org.orderplatform.runtime.PlatformMetrics;
import org.orderplatform.runtime.PlatformTracing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.orderplatform.messaging.testing.Awaiting.await;

/**
 * The platform as {@code java -jar} composes it ({@link PlatformConfig} from flags and environment,
 * the {@link PlatformVerticle}), inside the test's JVM, over real HTTP and PostgreSQL.
 */
final class PlatformNode implements AutoCloseable {

  static final String ADMIN_TOKEN = "node-admin-token";
  /** Joining Hazelcast is slow on a busy machine. */
  private static final Duration CLUSTER_START = Duration.ofSeconds(60);

  final Vertx vertx;
  final int httpPort;
  final Integer managementPort;

  private PlatformNode(Vertx vertx, int httpPort, Integer managementPort) {
    this.vertx = vertx;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
  }

  /** Every service, on the database at {@code pgUrl} (already migrated), with variables of its own. */
  static PlatformNode start(String pgUrl, Map<String, String> extraEnv, String... extraArgs) throws Exception {
    return start(pgUrl, PlatformTracing.off(), extraEnv, extraArgs);
  }

  /**
   * With {@code tracing}; {@code -cluster} among the arguments joins the cluster on the launcher's
   * own code path ({@link Clustering#node}).
   */
  static PlatformNode start(String pgUrl, PlatformTracing tracing, Map<String, String> extraEnv, String... extraArgs)
      throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("PG_URL", pgUrl, "PG_POOL_SIZE", "4", "ADMIN_TOKEN", ADMIN_TOKEN));
    env.putAll(extraEnv);
    int httpPort = PlatformProcess.freePort();
    List<String> args = new ArrayList<>(List.of("--http-host=127.0.0.1", "--http-port=" + httpPort));
    args.addAll(List.of(extraArgs));
    PlatformConfig config = PlatformConfig.parse(args.toArray(String[]::new), env::get).config();
    PlatformMetrics metrics = PlatformMetrics.create();
    Clustering.Node node = Clustering.node(config, new VertxOptions(), metrics, tracing);
    Vertx vertx = config.clustered()
        ? node.builder().buildClustered().await(CLUSTER_START.toSeconds(), TimeUnit.SECONDS)
        : node.builder().build();
    Codecs.registerAll(vertx);
    try {
      await(vertx.deployVerticle(new PlatformVerticle(config, node.clusterManager(), env::get, Clock.systemUTC(),
          UUID::randomUUID, metrics)));
    } catch (RuntimeException | AssertionError e) {
      await(vertx.close());
      throw e;
    }
    return new PlatformNode(vertx, httpPort, config.managementPort().isPresent()
        ? config.managementPort().getAsInt() : null);
  }

  HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return PlatformProcess.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return get(managementPort == null ? httpPort : managementPort, path);
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return PlatformProcess.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code /ready}'s answer: its status and each check by name. */
  record Readiness(int status, Map<String, JsonObject> checks) {
    boolean up(String check) {
      return checks.containsKey(check) && "UP".equals(checks.get(check).getString("status"));
    }
  }

  Readiness ready() throws Exception {
    HttpResponse<String> response = get("/ready");
    Map<String, JsonObject> checks = new LinkedHashMap<>();
    new JsonObject(response.body()).getJsonArray("checks")
        .forEach(check -> checks.put(((JsonObject) check).getString("id"), (JsonObject) check));
    return new Readiness(response.statusCode(), checks);
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
