package org.orderplatform.bench;

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

/**
 * Appends events to the PostgreSQL log and measures them sequenced, dispatched over the bus,
 * handled (inbox row + effect in one transaction) and acknowledged by one subscriber group.
 *
 * <p>Three runs, each in its own throw-away database:
 * <ol>
 *   <li>throughput, batched group: append N events as fast as the writers go, report delivered/s;</li>
 *   <li>throughput, per-event group (one commit per event): the simple path's figure;</li>
 *   <li>latency at a fixed rate: report p50/p99/max from append to handled.</li>
 * </ol>
 * {@code -Dbench.perSecond=true} also prints every 100 ms window of the latency run whose worst case
 * passed 20 ms. Arguments (all optional): {@code events=200000 batch=1000 rate=5000 seconds=10 aggregates=1000
 * perEventEvents=20000}; run with {@code mvn -B -q -pl bench exec:exec -Dbench.args="events=..."}.
 */
public final class MessagingBenchmark {

  private static final String GROUP = "bench";
  private static final int APPEND_CHUNK = 1_000;
  private static final int WRITERS = 4;
  private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

  private final Map<String, Long> options;

  private MessagingBenchmark(Map<String, Long> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, Long> options = new java.util.HashMap<>(Map.of(
        "events", 200_000L, "batch", 1_000L, "rate", 5_000L, "seconds", 10L, "aggregates", 1_000L,
        "perEventEvents", 20_000L));
    for (String arg : String.join(" ", args).trim().split("\\s+")) {
      if (arg.isEmpty()) {
        continue;
      }
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !options.containsKey(kv[0])) {
        throw new IllegalArgumentException("unknown argument " + arg + "; known: " + options.keySet());
      }
      options.put(kv[0], Long.parseLong(kv[1]));
    }
    MessagingBenchmark bench = new MessagingBenchmark(options);
    System.out.printf("messaging benchmark on %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    Result batched = bench.throughput(GroupSettings.batched((int) (long) options.get("batch")),
        options.get("events"));
    System.out.println("batched    " + batched);
    Result perEvent = bench.throughput(GroupSettings.perEvent(), options.get("perEventEvents"));
    System.out.println("per-event  " + perEvent);
    Result latency = bench.latency(GroupSettings.batched((int) (long) options.get("batch")));
    System.out.println("latency    " + latency);
    System.exit(0);
  }

  /** What one run measured. */
  record Result(long events, double seconds, double appendedPerSecond, double deliveredPerSecond,
                double p50Millis, double p99Millis, double maxMillis) {
    @Override
    public String toString() {
      return String.format("%,d events in %.2f s: appended %,.0f/s, delivered+acknowledged %,.0f/s; "
              + "append->handled p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          events, seconds, appendedPerSecond, deliveredPerSecond, p50Millis, p99Millis, maxMillis);
    }
  }

  private Result throughput(GroupSettings settings, long events) throws Exception {
    try (Node node = Node.start(settings)) {
      long started = System.nanoTime();
      List<Future<Void>> writers = new ArrayList<>();
      AtomicLong next = new AtomicLong();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(node.appendLoop(next, events, new SplittableRandom(w), options.get("aggregates")));
      }
      Future.all(writers).await(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
      double appendSeconds = (System.nanoTime() - started) / 1e9;
      node.awaitDelivered(events, started);
      double seconds = (System.nanoTime() - started) / 1e9;
      long[] latencies = node.latencies();
      return new Result(events, seconds, events / appendSeconds, events / seconds,
          percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));
    }
  }

  /** Appends {@code rate} events per second in 10 ms ticks, so each tick is one small transaction. */
  private Result latency(GroupSettings settings) throws Exception {
    long rate = options.get("rate");
    long seconds = options.get("seconds");
    long perTick = Math.max(1, rate / 100);
    long events = perTick * 100 * seconds;
    try (Node node = Node.start(settings)) {
      SplittableRandom random = new SplittableRandom(7);
      long started = System.nanoTime();
      List<Future<Void>> appends = new ArrayList<>();
      for (long tick = 0; tick < 100 * seconds; tick++) {
        long due = started + TimeUnit.MILLISECONDS.toNanos(10 * tick);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        appends.add(node.append((int) perTick, random, options.get("aggregates")));
      }
      Future.all(appends).await(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
      node.awaitDelivered(events, started);
      if (Boolean.getBoolean("bench.perSecond")) {
        node.printPerSecond(started);
      }
      double elapsed = (System.nanoTime() - started) / 1e9;
      long[] latencies = node.latencies();
      return new Result(events, elapsed, events / (double) seconds, events / elapsed,
          percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));
    }
  }

  private static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
  }

  /** One JVM running the group's dispatcher, its inbox consumer and the writers, on its own database. */
  private static final class Node implements AutoCloseable {

    private final TestDatabase database;
    private final Vertx vertx;
    private final Pool pool;
    private final MessagingVerticle messaging;
    private final Map<UUID, Long> handledAt;
    private final Map<UUID, Long> appendedAt = new ConcurrentHashMap<>();

    private Node(TestDatabase database, Vertx vertx, Pool pool, MessagingVerticle messaging,
                 Map<UUID, Long> handledAt) {
      this.database = database;
      this.vertx = vertx;
      this.pool = pool;
      this.messaging = messaging;
      this.handledAt = handledAt;
    }

    static Node start(GroupSettings settings) throws Exception {
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
              new LeaderElection.Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2)), Duration.ofMillis(500)));
      vertx.deployVerticle(messaging).await(30, TimeUnit.SECONDS);
      return new Node(database, vertx, pool, messaging, handledAt);
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
      long deadline = startedNanos + RUN_LIMIT.toNanos();
      while (dispatcher.stats().delivered() < events) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + dispatcher.stats().delivered() + " of " + events
              + " delivered within " + RUN_LIMIT);
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
        if (percentile(sorted, 100) > 20) {
          System.out.printf("  t=%.1fs max %.1f ms p50 %.1f ms%n", tenth / 10.0, percentile(sorted, 100), percentile(sorted, 50));
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
}
