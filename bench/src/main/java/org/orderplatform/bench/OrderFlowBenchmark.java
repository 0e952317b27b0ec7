package org.orderplatform.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.orderplatform.bench.orderflow.FlowMeasurement;
import org.orderplatform.bench.orderflow.Options;
import org.orderplatform.bench.orderflow.PlatformProcesses;
import org.orderplatform.bench.orderflow.Report;
import org.orderplatform.bench.orderflow.Teardown;
import org.orderplatform.bench.orderflow.ThrowawayDatabase;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Places orders through the platform's HTTP API and measures how long each takes from
 * {@code order.placed} to a target event ({@code order.confirmed} by default), read from
 * the event log. Starts its own platform on a throw-away database unless given {@code --url}.
 * See {@code bench/ORDERFLOW.md}; {@code --help} lists the flags. Exits 1 when any order errored or
 * none reached the target, 2 on a bad command line.
 */
public final class OrderFlowBenchmark {

  private static final Duration READY_PATIENCE = Duration.ofMinutes(2);
  /** Connections for the open loop; the closed loop needs one per outstanding request. */
  private static final int OPEN_LOOP_CONNECTIONS = 256;

  private final Options options;
  private final Vertx vertx;
  private final Teardown teardown;

  private OrderFlowBenchmark(Options options, Vertx vertx, Teardown teardown) {
    this.options = options;
    this.vertx = vertx;
    this.teardown = teardown;
  }

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(Options.USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("orderflow: " + e.getMessage() + "\n" + Options.USAGE);
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Teardown teardown = new Teardown();
    teardown.push("closing Vert.x", () -> vertx.close().await(10, TimeUnit.SECONDS));
    // Ctrl-C: stop the platform JVMs and drop the database before this JVM goes.
    Runtime.getRuntime().addShutdownHook(new Thread(teardown::runOnInterrupt, "orderflow-teardown"));
    int status;
    try {
      Report report = new OrderFlowBenchmark(options, vertx, teardown).run();
      System.out.println(options.json() ? report.json() : report.text());
      status = report.failed() ? 1 : 0;
    } catch (Exception e) {
      System.err.println("orderflow: failed: " + e);
      status = 1;
    }
    teardown.run();
    System.exit(status);
  }

  private Report run() throws Exception {
    int connections = options.openLoop() ? OPEN_LOOP_CONNECTIONS : options.concurrency();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
    teardown.push("closing the HTTP client", client::close);
    if (options.url() != null) {
      return measure(client, options.pgUrl(), options.url(), options.url(), "platform at " + options.url(), null);
    }
    ThrowawayDatabase database = ThrowawayDatabase.named(vertx, options.pgUrl());
    teardown.push("dropping database " + database.name(), database);
    database.create();
    PlatformProcesses platform = PlatformProcesses.prepare(options, database.url());
    teardown.push("stopping the platform JVMs", platform);
    FlowMeasurement.status("starting %s on database %s", options.split() ? "an order and an inventory JVM" : "the platform",
        database.name());
    platform.start(client, READY_PATIENCE);
    String described = (options.split() ? "2 clustered platform JVMs (order, inventory)" : "1 platform JVM")
        + " " + String.join(" ", options.jvmOpts());
    return measure(client, database.url(), platform.ordersUrl(), platform.inventoryUrl(), described, platform);
  }

  private Report measure(WebClient client, String pgUrl, String ordersUrl, String inventoryUrl, String platformText,
                         PlatformProcesses platform) throws Exception {
    Pool platformDb = PgBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(2))
        .connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    teardown.push("closing the log reader's pool", () -> platformDb.close().await(10, TimeUnit.SECONDS));
    List<ProcessHandle> jvms = platform == null ? List.of()
        : platform.nodes().stream().map(node -> node.process().toHandle()).toList();
    FlowMeasurement measurement = new FlowMeasurement(options, vertx, client, platformDb, jvms);
    teardown.push("stopping the load", measurement::interrupt);
    FlowMeasurement.Result result = measurement.run(ordersUrl, inventoryUrl);
    return new Report(options, platformText, result, platform == null ? null : platform.peakHeapBeforeGc());
  }
}
