package org.orderplatform.bench.orderflow;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One measured run against a platform that is up: stock the shop, tail the log, drive the load
 * through warm-up and the measured window, give late orders a grace period, and collect the figures.
 */
public final class FlowMeasurement {

  private static final Duration STOCKING_PATIENCE = Duration.ofMinutes(2);
  private static final Duration CATALOG_PATIENCE = Duration.ofMinutes(1);
  /** Outstanding answers after the window: each request times out after 30 s at the latest. */
  private static final Duration ANSWERS_PATIENCE = Duration.ofSeconds(45);
  private static final long SETTLE_POLL_MILLIS = 50;

  private final Options options;
  private final Vertx vertx;
  private final WebClient client;
  private final Pool platformDb;
  private final CpuMeter cpu;
  // The load, the log tail and the progress line share one event loop: the loops' state needs no locks.
  private final Context context;
  private final AtomicLong loadUntil = new AtomicLong(Long.MAX_VALUE);
  private volatile LogTail tail;

  /** What was measured; times are wall-clock microseconds. */
  public record Result(FlowLedger.Figures figures, long windowStartMicros, long windowEndMicros,
                       long platformCommits, long benchStatements, CpuMeter.Use cpu, String load) {
    public double windowSeconds() {
      return (windowEndMicros - windowStartMicros) / 1e6;
    }
  }

  /** @param platform the platform's JVMs, when this benchmark started them, for their CPU time */
  public FlowMeasurement(Options options, Vertx vertx, WebClient client, Pool platformDb, List<ProcessHandle> platform) {
    this.options = options;
    this.vertx = vertx;
    this.client = client;
    this.platformDb = platformDb;
    this.cpu = new CpuMeter(platform);
    this.context = vertx.getOrCreateContext();
  }

  public Result run(String ordersUrl, String inventoryUrl) throws Exception {
    List<String> skus = OrderFactory.skus(options.skus());
    Shop shop = new Shop(vertx, client);
    status("stocking %d products at %s", skus.size(), inventoryUrl);
    shop.stock(inventoryUrl, skus).await(STOCKING_PATIENCE.toSeconds(), TimeUnit.SECONDS);
    shop.awaitCatalog(ordersUrl, skus, CATALOG_PATIENCE).await(CATALOG_PATIENCE.toSeconds() + 10, TimeUnit.SECONDS);

    FlowLedger ledger = new FlowLedger(options.target(), options.openLoop());
    tail = new LogTail(vertx, platformDb, ledger, options.target());
    CommitCounter commits = new CommitCounter(platformDb);
    onContext(tail::start).await(30, TimeUnit.SECONDS);

    long start = System.nanoTime();
    long measureFrom = start + options.warmup().toNanos();
    long until = measureFrom + options.duration().toNanos();
    loadUntil.set(until);
    OrderSender sender = new OrderSender(client, ordersUrl, new OrderFactory(skus), ledger, measureFrom);
    LoadLoop load = LoadLoop.of(options, vertx, sender);
    status("%s for %d s after %d s of warm-up, target %s", load.describe(), options.duration().toSeconds(),
        options.warmup().toSeconds(), options.target());
    long progressTimer = vertx.setPeriodic(1_000, t -> printProgress(ledger, start, measureFrom));
    Future<Void> loadDone = onContext(() -> load.run(start, loadUntil));

    sleepUntil(measureFrom);
    long windowStart = Micros.now();
    long commitsBefore = commits.read().await(10, TimeUnit.SECONDS);
    long readsBefore = tail.reads();
    CpuMeter.Reading cpuBefore = cpu.read();
    sleepUntil(until);
    long windowEnd = Micros.now();
    long commitsAfter = commits.read().await(10, TimeUnit.SECONDS);
    long readsAfter = tail.reads();
    CpuMeter.Use cpuUse = cpu.since(cpuBefore);

    loadDone.await(ANSWERS_PATIENCE.toSeconds(), TimeUnit.SECONDS);
    long graceEnd = System.nanoTime() + options.grace().toNanos();
    while (!ledger.settled() && System.nanoTime() < graceEnd) {
      TimeUnit.MILLISECONDS.sleep(SETTLE_POLL_MILLIS);
    }
    vertx.cancelTimer(progressTimer);
    printProgress(ledger, start, measureFrom);
    tail.stop().await(10, TimeUnit.SECONDS);
    loadUntil.set(System.nanoTime());
    // The first counter reading and every log read in between were this benchmark's own transactions.
    long benchStatements = readsAfter - readsBefore + 1;
    return new Result(ledger.figures(windowStart, windowEnd), windowStart, windowEnd,
        commitsAfter - commitsBefore - benchStatements, benchStatements, cpuUse, load.describe());
  }

  /** Stops sending and reading the log now (Ctrl-C), so nothing uses the client or the pool once they close. */
  public void interrupt() {
    loadUntil.set(System.nanoTime());
    LogTail running = tail;
    if (running != null) {
      running.stop();
    }
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static void printProgress(FlowLedger ledger, long start, long measureFrom) {
    FlowLedger.Progress p = ledger.progress();
    long now = System.nanoTime();
    System.err.printf("[%4ds%s] sent %,d  accepted %,d  reached target %,d  in flight %,d http / %,d awaiting target"
            + "  errors %,d%n", TimeUnit.NANOSECONDS.toSeconds(now - start), now < measureFrom ? " warm-up" : "",
        p.sent(), p.accepted(), p.reached(), p.inFlight(), p.awaitingTarget(), p.errors());
  }

  /** A line on stderr, so stdout holds only the report. */
  public static void status(String format, Object... args) {
    System.err.println("orderflow: " + format.formatted(args));
  }
}
