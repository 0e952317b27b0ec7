package org.orderplatform.runtime.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Codecs;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Message;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.MessagingVerticle;
import org.orderplatform.runtime.Composition;
import org.orderplatform.runtime.PlatformMetrics;
import org.orderplatform.runtime.PlatformTracing;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.ServiceModule;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.plumbing.db.Pools;
import org.orderplatform.messaging.log.EventLog;

import static org.orderplatform.messaging.testing.Awaiting.await;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One service as the launcher composes it (its {@link ServiceModule}, its verticle, the messaging
 * roles for its groups and its routes behind one HTTP server), on a real event bus and a fresh
 * PostgreSQL database.
 */
public final class ServiceHarness implements AutoCloseable {

  public static final String ADMIN_TOKEN = "harness-admin-token";

  public final TestDatabase db;
  public final Vertx vertx;
  public final Pool pool;
  public final WebClient http;
  /** What the services' meters are registered in, as the launcher's {@code /metrics} serves it. */
  public final MeterRegistry meters;
  private final HttpServer server;

  private ServiceHarness(TestDatabase db, Vertx vertx, Pool pool, WebClient http, HttpServer server, MeterRegistry meters) {
    this.db = db;
    this.vertx = vertx;
    this.pool = pool;
    this.http = http;
    this.server = server;
    this.meters = meters;
  }

  /** A service's schema and composition root, as the launcher knows them. */
  public record Hosting(String schema, ServiceModule.Factory factory) {
  }

  public static ServiceHarness start(String schema, ServiceModule.Factory factory) {
    return start(Map.of(), new Hosting(schema, factory));
  }

  /** Several services in one JVM on one database, configured from {@code env} as the launcher's environment would. */
  public static ServiceHarness start(Map<String, String> env, Hosting... services) {
    return start(env, PlatformTracing.off(), services);
  }

  /** As {@link #start(Map, Hosting...)}, with Vert.x tracing through {@code tracing}. */
  public static ServiceHarness start(Map<String, String> env, PlatformTracing tracing, Hosting... services) {
    TestDatabase db = TestDatabase.create(Arrays.stream(services).map(Hosting::schema).toArray(String[]::new));
    // The launcher's own set-up, so the tests run the wiring production runs (and can read /metrics).
    PlatformMetrics metrics = PlatformMetrics.create();
    Vertx vertx = metrics.vertxBuilder(new VertxOptions(), tracing).build();
    Codecs.registerAll(vertx);
    Pool pool = Pools.pool(vertx, db.settings());
    Clock clock = Clock.systemUTC();
    AtomicReference<String> localUrl = new AtomicReference<>();
    ServiceContext context = new ServiceContext(vertx, pool, db.settings(), clock, UUID::randomUUID, env::get, localUrl::get,
        metrics.registry());
    List<Composition.Hosted> hosted = Arrays.stream(services)
        .map(service -> new Composition.Hosted(service.factory().create(context), pool)).toList();
    Router root = Router.router(vertx);
    root.get(PlatformMetrics.PATH).handler(metrics.scrapeHandler());
    await(Composition.compose(vertx, root,
        new Composition.Messaging(db.settings(), pool, MessagingVerticle.Timing.defaults(), ADMIN_TOKEN, metrics.registry()),
        hosted, clock));
    HttpServer server = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
    localUrl.set("http://127.0.0.1:" + server.actualPort());
    return new ServiceHarness(db, vertx, pool, WebClient.create(vertx), server, metrics.registry());
  }

  public int port() {
    return server.actualPort();
  }

  public HttpResponse<Buffer> post(String path, String body) {
    return await(http.post(server.actualPort(), "127.0.0.1", path).putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(body)));
  }

  /** A request with headers of its own, not awaited: for requests that must race. */
  public Future<HttpResponse<Buffer>> request(HttpMethod method, String path, String body, Map<String, String> headers) {
    var request = http.request(method, server.actualPort(), "127.0.0.1", path);
    headers.forEach(request::putHeader);
    if (body == null) {
      return request.send();
    }
    if (!headers.containsKey("content-type")) {
      request.putHeader("content-type", "application/json");
    }
    return request.sendBuffer(Buffer.buffer(body));
  }

  public HttpResponse<Buffer> post(String path, String body, Map<String, String> headers) {
    return await(request(HttpMethod.POST, path, body, headers));
  }

  /** Sends the bytes as they are, with the content type given (null: none): for what the edge must refuse. */
  public HttpResponse<Buffer> post(String path, String contentType, Buffer body) {
    var request = http.post(server.actualPort(), "127.0.0.1", path);
    if (contentType != null) {
      request.putHeader("content-type", contentType);
    }
    return await(request.sendBuffer(body));
  }

  public HttpResponse<Buffer> get(String path) {
    return await(http.get(server.actualPort(), "127.0.0.1", path).send());
  }

  public long count(String sql, Object... params) {
    return await(pool.preparedQuery(sql).execute(Tuple.wrap(params))).iterator().next().getLong(0);
  }

  public Row row(String sql, Object... params) {
    var rows = await(pool.preparedQuery(sql).execute(Tuple.wrap(params)));
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  /** Appends an event as its producing service would: it reaches this service only through the log. */
  public void append(Envelope<? extends Message> envelope) {
    await(EventLog.append(pool, envelope));
  }

  /** Appends several events in one transaction, as one producer's commit would. */
  public void appendAll(List<? extends Envelope<? extends Message>> envelopes) {
    await(EventLog.append(pool, envelopes));
  }

  /** Sends straight to the group's consumers, as the dispatcher does: the reply is the acknowledgement. */
  public Future<io.vertx.core.eventbus.Message<Object>> deliver(String group, Envelope<? extends Message> envelope) {
    return vertx.eventBus().request(Addresses.group(group), envelope);
  }

  @Override
  public void close() {
    try {
      await(vertx.close());
    } finally {
      db.close();
    }
  }
}
