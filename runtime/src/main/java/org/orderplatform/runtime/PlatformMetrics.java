package org.orderplatform.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.EnumSet;
import java.util.UUID;

/**
 * The metrics of one {@code Vertx}, set up in one place for the launcher and the test harness: a
 * Prometheus registry that holds Vert.x's own meters (HTTP server and client, event bus, SQL pools,
 * the JVM) and the platform's (handed to every composition root through {@link ServiceContext}),
 * and the handler that serves them at {@code /metrics}.
 */
public final class PlatformMetrics {

  /** Where every JVM serves its metrics, in the Prometheus text format. */
  public static final String PATH = "/metrics";

  // Only labels of few values: never a path (it carries order ids) nor a remote address. The
  // event bus addresses are the groups' and the log's, a fixed few; replies are left out by Vert.x.
  private static final EnumSet<Label> LABELS = EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE,
      Label.POOL_TYPE, Label.POOL_NAME, Label.EB_ADDRESS, Label.EB_SIDE, Label.EB_FAILURE);

  private final PrometheusMeterRegistry registry;

  private PlatformMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public static PlatformMetrics create() {
    return new PlatformMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Where the platform's own meters go: pass it to the composition roots. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * A builder of a {@code Vertx} that reports into {@link #registry()} and traces with
   * {@code tracing}; {@code options} get the metrics and tracing options (the launcher passes the
   * ones its command line made).
   */
  public VertxBuilder vertxBuilder(VertxOptions options, PlatformTracing tracing) {
    return tracing.onto(Vertx.builder().with(tracing.enable(enable(options)))
        .withMetrics(new MicrometerMetricsFactory(registry)));
  }

  /** Turns Vert.x's metrics on in {@code options}. */
  public VertxOptions enable(VertxOptions options) {
    // Vert.x keeps its backends in a static map by this name: each Vertx of a JVM (tests start
    // several) needs its own, or a second one would report into the first one's registry.
    return options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName("order-platform-" + UUID.randomUUID())
        .setJvmMetricsEnabled(true)
        .setLabels(LABELS));
  }

  /** Serves {@link #registry()} in the Prometheus text format; mount it at {@link #PATH}. */
  public Handler<RoutingContext> scrapeHandler() {
    return PrometheusScrapingHandler.create(registry);
  }
}
