package org.orderplatform.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.Codecs;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Message;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.MessagingVerticle;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.plumbing.db.Pools;
import org.orderplatform.messaging.dispatch.Dispatcher;
import org.orderplatform.messaging.inbox.Inbox;
import org.orderplatform.messaging.leader.LeaderElection;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One JVM's messaging stack on a throw-away database, with a group whose handler notes when each event was handled. */
final class BenchNode implements AutoCloseable {

  private static final String GROUP = "bench";
  private static final int APPEND_CHUNK = 1_000;

  private final TestDatabase database;
  private final Vertx vertx;
  private final Pool pool;
  private final MessagingVerticle messaging;
  private final Map<UUID, Long> handledAt;
  private final Map<UUID, Long> appendedAt = new ConcurrentHashMap<>();

  private BenchNode(TestDatabase database, Vertx vertx, Pool pool, MessagingVerticle messaging,
               Map<UUID, Long> handledAt) {
    this.database = database;
    this.vertx = vertx;
    this.pool = pool;
    this.messaging = messaging;
    this.handledAt = handledAt;
  }

  static BenchNode start(GroupSettings settings) throws Exception {
    TestDatabase database = TestDatabase.create();
    PgSettings db = new PgSettings(database.settings().url(), database.settings().connectOptions(), 16);
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    Pool pool = Pools.pool(vertx, db);
    Map<UUID, Long> handledAt = new ConcurrentHashMap<>();
    Set<Class<? extends InventoryEvent>> types = Set.of(InventoryEvent.StockRestocked.class);
    // The effect is the inbox row the Inbox writes in the handler's transaction; the handler
    // notes when it ran.
    Subscription<InventoryEvent> subscription = Subscription.of(GROUP, types, settings, (envelope, tx) -> {
      handledAt.putIfAbsent(envelope.eventId(), System.nanoTime());
      return Future.succeededFuture();
    });
    new Inbox(pool, subscription).listen(vertx).completion().await(10, TimeUnit.SECONDS);
    MessagingVerticle messaging = new MessagingVerticle(db, pool, List.of(subscription), Clock.systemUTC(),
        new MessagingVerticle.Timing(
            new LeaderElection.Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2)), Duration.ofMillis(500)),
        new SimpleMeterRegistry());
    vertx.deployVerticle(messaging).await(30, TimeUnit.SECONDS);
    return new BenchNode(database, vertx, pool, messaging, handledAt);
  }

  Future<Void> append(int count, SplittableRandom random, long aggregates) {
    List<Envelope<Message>> envelopes = new ArrayList<>(count);
    Instant now = Instant.now();
    long at = System.nanoTime();
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      appendedAt.put(id, at);
      envelopes.add(Envelope.of(new InventoryEvent.StockRestocked("SKU-" + random.nextLong(aggregates), 1),
          id, now, id, null, null));
    }
    return pool.withTransaction(tx -> EventLog.append(tx, envelopes));
  }

  Future<Void> appendLoop(AtomicLong next, long total, SplittableRandom random, long aggregates) {
    long from = next.getAndAdd(APPEND_CHUNK);
    if (from >= total) {
      return Future.succeededFuture();
    }
    int count = (int) Math.min(APPEND_CHUNK, total - from);
    return append(count, random, aggregates).compose(v -> appendLoop(next, total, random, aggregates));
  }

  /** Waits until the dispatcher has had every event acknowledged (a reply after the commit). */
  void awaitDelivered(long events, long startedNanos) throws InterruptedException {
    Dispatcher dispatcher = messaging.dispatchers().get(0);
    long deadline = startedNanos + MessagingBenchmark.RUN_LIMIT.toNanos();
    while (dispatcher.stats().delivered() < events) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + dispatcher.stats().delivered() + " of " + events
            + " delivered within " + MessagingBenchmark.RUN_LIMIT);
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
  }

  void printPerSecond(long startedNanos) {
    java.util.TreeMap<Long, List<Long>> bySecond = new java.util.TreeMap<>();
    appendedAt.forEach((id, at) -> {
      Long handled = handledAt.get(id);
      if (handled != null) {
        bySecond.computeIfAbsent((at - startedNanos) / 100_000_000L, s -> new ArrayList<>()).add(handled - at);
      }
    });
    bySecond.forEach((tenth, values) -> {
      long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
      if (MessagingBenchmark.percentile(sorted, 100) > 20) {
        System.out.printf("  t=%.1fs max %.1f ms p50 %.1f ms%n", tenth / 10.0, MessagingBenchmark.percentile(sorted, 100),
            MessagingBenchmark.percentile(sorted, 50));
      }
    });
  }

  long[] latencies() {
    return appendedAt.entrySet().stream()
        .filter(e -> handledAt.containsKey(e.getKey()))
        .mapToLong(e -> handledAt.get(e.getKey()) - e.getValue())
        .sorted().toArray();
  }

  @Override
  public void close() throws Exception {
    // Stop the dispatcher before its pool goes, so shutdown does not read from a closed pool.
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
    database.close();
  }
}
