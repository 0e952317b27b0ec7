package org.orderplatform.messaging.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Codecs;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.messaging.MessagingVerticle;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.messaging.admin.MessagingAdmin;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.plumbing.db.Pools;
import org.orderplatform.messaging.dispatch.Dispatcher;
import org.orderplatform.messaging.inbox.Inbox;
import org.orderplatform.messaging.leader.LeaderElection;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import static org.orderplatform.messaging.testing.Awaiting.await;

/**
 * One running messaging node on a {@link TestDatabase}, wired as the launcher wires it: its own
 * {@code Vertx} with the codecs, a pool, an {@link Inbox} consumer per group, the
 * {@link MessagingVerticle} (sequencer and dispatcher candidates) and the {@link MessagingAdmin}
 * routes under {@code /admin}. Several nodes on one database compete for the same roles.
 *
 * <p>{@link ServiceHarness} runs one service from its {@code ServiceModule}; this runs the messaging
 * layer itself, with fast leader and sequencer timings and the retry jitter chosen by the test.
 */
public final class MessagingNode implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token";

  // Fast leader retries, lock confirmations and sequencer polls keep the tests quick. The confirm
  // timeout stays generous: a busy 2-core machine must not make a healthy leader step down.
  public static final MessagingVerticle.Timing FAST = new MessagingVerticle.Timing(
      new LeaderElection.Timing(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(2)),
      Duration.ofMillis(100));

  public final Vertx vertx;
  public final Pool pool;
  public final MessagingVerticle messaging;
  /** What the messaging roles count (the dispatchers' attempts, the sequencer's lag). */
  public final MeterRegistry meters;
  private final List<Inbox> inboxes;
  private final List<MessageConsumer<Object>> consumers;
  private final HttpServer server;
  // A WebClient buffers the whole body on the event loop: reading a raw HttpClientResponse from
  // the test thread races with the response's end and can wait forever.
  private final WebClient http;
  private final String deployment;
  private final PgSettings settings;

  private MessagingNode(PgSettings settings, Vertx vertx, Pool pool, MessagingVerticle messaging, MeterRegistry meters,
                        List<Inbox> inboxes, List<MessageConsumer<Object>> consumers, HttpServer server,
                        String deployment) {
    this.meters = meters;
    this.consumers = consumers;
    this.settings = settings;
    this.vertx = vertx;
    this.pool = pool;
    this.messaging = messaging;
    this.inboxes = inboxes;
    this.server = server;
    this.http = WebClient.create(vertx);
    this.deployment = deployment;
  }

  public static MessagingNode start(TestDatabase db, List<Subscription<?>> subscriptions) {
    return start(db, subscriptions, SplittableRandom::new);
  }

  /** On a {@code Vertx} of {@code vertx}'s making (with a tracer, say) instead of a plain one. */
  public static MessagingNode start(VertxBuilder vertx, TestDatabase db, List<Subscription<?>> subscriptions) {
    return start(vertx, db.settings(), subscriptions, SplittableRandom::new, db.settings(), FAST);
  }

  /** {@code jitter} is handed to each dispatcher for its retry delays. */
  public static MessagingNode start(TestDatabase db, List<Subscription<?>> subscriptions,
                                    Supplier<RandomGenerator> jitter) {
    return start(Vertx.builder(), db.settings(), subscriptions, jitter, db.settings(), FAST);
  }

  /** On the database of {@code settings}, with its session timeouts (tests shorten them). */
  public static MessagingNode start(PgSettings settings, List<Subscription<?>> subscriptions) {
    return start(Vertx.builder(), settings, subscriptions, SplittableRandom::new, settings, FAST);
  }

  /** With the given leader and sequencer timings instead of {@link #FAST}. */
  public static MessagingNode start(TestDatabase db, List<Subscription<?>> subscriptions,
                                    MessagingVerticle.Timing timing) {
    return start(Vertx.builder(), db.settings(), subscriptions, SplittableRandom::new, db.settings(), timing);
  }

  /**
   * {@code roles} is where the leader elections connect (their lock connections), e.g. through a
   * {@link TcpRelay}; the pool connects straight to the database.
   */
  public static MessagingNode start(TestDatabase db, List<Subscription<?>> subscriptions,
                                    Supplier<RandomGenerator> jitter, PgSettings roles) {
    return start(Vertx.builder(), db.settings(), subscriptions, jitter, roles, FAST);
  }

  private static MessagingNode start(VertxBuilder builder, PgSettings settings, List<Subscription<?>> subscriptions,
                                     Supplier<RandomGenerator> jitter, PgSettings roles,
                                     MessagingVerticle.Timing timing) {
    Vertx vertx = builder.build();
    Codecs.registerAll(vertx);
    Pool pool = Pools.pool(vertx, settings);
    List<Inbox> inboxes = new ArrayList<>();
    List<MessageConsumer<Object>> consumers = new ArrayList<>();
    for (Subscription<?> subscription : subscriptions) {
      Inbox inbox = new Inbox(pool, subscription);
      MessageConsumer<Object> consumer = inbox.listen(vertx);
      await(consumer.completion());
      inboxes.add(inbox);
      consumers.add(consumer);
    }
    MeterRegistry meters = new SimpleMeterRegistry();
    MessagingVerticle messaging = new MessagingVerticle(roles, pool, subscriptions, Clock.systemUTC(), timing,
        jitter, meters);
    Router root = HttpRoutes.mountAll(Router.router(vertx),
        List.of(new HttpRoutes("/admin*", new MessagingAdmin(pool, messaging::dispatchers, ADMIN_TOKEN).router(vertx))));
    HttpServer server = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
    String deployment = await(vertx.deployVerticle(messaging));
    return new MessagingNode(settings, vertx, pool, messaging, meters, inboxes, consumers, server, deployment);
  }

  public Dispatcher dispatcher(String group) {
    return messaging.dispatchers().stream().filter(d -> d.group().equals(group)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no dispatcher for " + group));
  }

  /** The inbox of the n-th subscription given to {@link #start}. */
  public Inbox inbox(int index) {
    return inboxes.get(index);
  }

  /** Takes the n-th group's consumer off the bus: deliveries find no handler until {@link #listenAgain}. */
  public void stopListening(int index) {
    await(consumers.get(index).unregister());
  }

  public void listenAgain(int index) {
    MessageConsumer<Object> consumer = inboxes.get(index).listen(vertx);
    await(consumer.completion());
    consumers.set(index, consumer);
  }

  /** Stops the messaging roles (as an undeploy would) but keeps the node's Vertx and pool. */
  public void stopMessaging() {
    await(vertx.undeploy(deployment));
  }

  // ---- writing to the log ----

  public static Envelope<InventoryEvent.StockRestocked> restock(String sku, int quantity) {
    return Envelope.of(new InventoryEvent.StockRestocked(sku, quantity), UUID.randomUUID(), Instant.now(),
        UUID.randomUUID(), null, null);
  }

  /** Appends in one transaction, as a producing service's commit would. */
  public void append(List<? extends Envelope<?>> envelopes) {
    await(pool.withTransaction(tx -> EventLog.append(tx, envelopes)));
  }

  /** A connection of its own, for driving a transaction step by step; closed with the node. */
  public PgConnection connection() {
    return await(Pools.dedicated(vertx, settings));
  }

  // ---- reading state ----

  public List<Row> rows(String sql, Object... params) {
    List<Row> rows = new ArrayList<>();
    await(pool.preparedQuery(sql).execute(Tuple.wrap(params))).forEach(rows::add);
    return rows;
  }

  public long count(String sql, Object... params) {
    return rows(sql, params).get(0).getLong(0);
  }

  public record Reply(int status, String contentType, JsonObject body) {
  }

  /** Calls the admin API over HTTP with the node's token; {@code path} is below {@code /admin}. */
  public Reply admin(HttpMethod method, String path, JsonObject body) {
    return admin(method, path, body == null ? null : body.encode(), "Bearer " + ADMIN_TOKEN);
  }

  /**
   * Calls the admin API with any body text (null: none) and any {@code Authorization} header
   * (null: none), as a careless or hostile client might.
   */
  public Reply admin(HttpMethod method, String path, String body, String authorization) {
    var request = http.request(method, server.actualPort(), "127.0.0.1", "/admin" + path)
        .putHeader("content-type", "application/json");
    if (authorization != null) {
      request.putHeader("authorization", authorization);
    }
    var response = await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
    return new Reply(response.statusCode(), response.getHeader("content-type"), json(response.bodyAsBuffer()));
  }

  /**
   * POSTs the bytes as they are below {@code /admin}, with the node's token and the content type
   * given (null: none); {@code path} is sent as written, so it may hold any percent-encoding.
   */
  public HttpResponse<Buffer> adminPost(String path, String contentType, Buffer body) {
    var request = http.post(server.actualPort(), "127.0.0.1", "/admin" + path)
        .putHeader("authorization", "Bearer " + ADMIN_TOKEN);
    if (contentType != null) {
      request.putHeader("content-type", contentType);
    }
    return await(request.sendBuffer(body));
  }

  private static JsonObject json(Buffer buffer) {
    return buffer == null || buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
  }

  /**
   * Stops the messaging roles, as production's undeploy does while their pool is open, then closes
   * the Vertx, and with it every connection, lock and consumer of this node. This node's pool is made
   * outside the verticle, so closing the Vertx alone closed it in no fixed order with the undeploy: a
   * candidate that won its lock on the closed pool stepped down and campaigned again, over and over,
   * until the close ran out of time (seen in CallOutBeforeTransactionTest).
   */
  @Override
  public void close() {
    if (vertx.deploymentIDs().contains(deployment)) {
      await(vertx.undeploy(deployment));
    }
    await(vertx.close());
  }
}
