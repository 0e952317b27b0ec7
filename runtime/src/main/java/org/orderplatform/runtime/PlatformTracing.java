package org.orderplatform.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;

import java.util.Map;

/**
 * The traces of one {@code Vertx}, set up in one place for the launcher and the test harness (see
 * {@link PlatformMetrics#vertxBuilder}). Once on, Vert.x makes the spans of inbound HTTP, the event
 * bus, SQL and the web client by itself; the messaging module carries the trace through the log.
 */
public final class PlatformTracing {

  private final OpenTelemetry openTelemetry;

  private PlatformTracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
  }

  /** No tracer at all: Vert.x makes no spans. */
  public static PlatformTracing off() {
    return new PlatformTracing(null);
  }

  /**
   * Configured from the standard {@code OTEL_*} variables (or their {@code otel.*} system
   * properties) by the SDK's autoconfiguration. Without {@code OTEL_TRACES_EXPORTER} (or with
   * {@code none}) tracing stays off: no SDK, and no exporter logging errors about a collector that
   * is not there.
   */
  public static PlatformTracing fromEnvironment() {
    String exporter = System.getProperty("otel.traces.exporter", System.getenv("OTEL_TRACES_EXPORTER"));
    if (exporter == null || exporter.isBlank() || exporter.strip().equals("none")) {
      return off();
    }
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        // Only traces: metrics are Prometheus' (PlatformMetrics), logs are logback's. The variables still win.
        .addPropertiesSupplier(() -> Map.of(
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.service.name", "order-platform"))
        .build()
        .getOpenTelemetrySdk();
    return new PlatformTracing(sdk);
  }

  /** Every span, sampled, to {@code exporter} as it ends: for tests. */
  public static PlatformTracing exportingTo(SpanExporter exporter) {
    return new PlatformTracing(OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build());
  }

  public boolean enabled() {
    return openTelemetry != null;
  }

  /** Turns Vert.x's tracing on in {@code options} when tracing is on. */
  VertxOptions enable(VertxOptions options) {
    return enabled() ? options.setTracingOptions(new OpenTelemetryOptions()) : options;
  }

  /** Gives {@code builder} this tracer (and not the global one Vert.x would otherwise look up). */
  VertxBuilder onto(VertxBuilder builder) {
    return enabled() ? builder.withTracer(new OpenTelemetryTracingFactory(openTelemetry)) : builder;
  }
}
