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

  private static final int WRITERS = 4;
  static final Duration RUN_LIMIT = Duration.ofMinutes(5);

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
    try (BenchNode node = BenchNode.start(settings)) {
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
    try (BenchNode node = BenchNode.start(settings)) {
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

  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
  }

  /** One JVM running the group's dispatcher, its inbox consumer and the writers, on its own database. */
}
