package org.orderplatform.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.plumbing.logging.LogContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a trace travels through the log: an event appended while a span is current carries that
 * span's context in its envelope's W3C {@code traceparent}, and the inbox handles a delivered event
 * inside a consumer span whose parent is that {@code traceparent}. So an event that waits in the log
 * (across a restart, or to another JVM) continues the trace it was appended in.
 */
public final class TraceContext {

  private TraceContext() {
  }

  /**
   * The {@code traceparent} to store with {@code envelope} if appended now: the current span's when
   * it continues the envelope's trace (or the envelope has none). An envelope of another trace keeps
   * its own: a handler given a batch appends events caused by each of its envelopes.
   */
  public static String traceparentOf(Envelope<?> envelope) {
    String current = current();
    String carried = envelope.traceparent();
    return current == null || (carried != null && !LogContext.traceId(current).equals(LogContext.traceId(carried)))
        ? carried : current;
  }

  /** The W3C {@code traceparent} of the current span, or null when there is none. */
  public static String current() {
    SpanContext current = Span.current().getSpanContext();
    return current.isValid()
        ? "00-" + current.getTraceId() + "-" + current.getSpanId() + "-" + current.getTraceFlags().asHex() : null;
  }

  /** A started consumer span; {@link #end} it when the delivery is settled. */
  @FunctionalInterface
  public interface Consumption {
    Consumption NONE = failure -> {
    };

    void end(Throwable failure);
  }

  /**
   * Starts the spans of {@code group} handling a delivery: one for each trace among the envelopes,
   * the child of that trace's first envelope's {@code traceparent} (a batch holds the events of many
   * orders, and each order's trace must show this hop). The first trace's span is made current on
   * this (duplicated) Vert.x context, so the handler's SQL, HTTP calls and appends run inside it; the
   * others are only started and ended with it. Nothing when Vert.x has no tracer or the envelopes
   * carry no trace.
   */
  public static Consumption consume(String group, List<Envelope<?>> envelopes) {
    ContextInternal context = ContextInternal.current();
    // A span made current on a shared event-loop context would leak into unrelated work.
    if (context == null || context.tracer() == null || !context.isDuplicate()) {
      return Consumption.NONE;
    }
    Map<String, Envelope<?>> firstOfEachTrace = new LinkedHashMap<>();
    for (Envelope<?> envelope : envelopes) {
      String traceparent = envelope.traceparent();
      if (traceparent != null) {
        firstOfEachTrace.putIfAbsent(Objects.requireNonNullElse(LogContext.traceId(traceparent), traceparent), envelope);
      }
    }
    if (firstOfEachTrace.isEmpty()) {
      return Consumption.NONE;
    }
    List<Consumption> spans = new ArrayList<>();
    for (Envelope<?> first : firstOfEachTrace.values()) {
      // Each other trace's span lives on a context of its own (a fresh duplicate has no locals), so
      // starting and ending it neither replaces nor clears the span current on this one.
      spans.add(start(spans.isEmpty() ? context : context.duplicate(), group, envelopes.size(), first));
    }
    return failure -> spans.forEach(span -> span.end(failure));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Consumption start(ContextInternal context, String group, int batchSize, Envelope<?> first) {
    VertxTracer tracer = context.tracer();
    List<Map.Entry<String, String>> tags = List.of(
        Map.entry("messaging.system", "order-platform"),
        Map.entry("messaging.operation", "process"),
        Map.entry("messaging.destination.name", group),
        Map.entry("messaging.batch.message_count", Integer.toString(batchSize)),
        Map.entry("messaging.message.id", first.eventId().toString()),
        Map.entry("order_platform.event.type", first.type()));
    Object span = tracer.receiveRequest(context, SpanKind.MESSAGING, TracingPolicy.PROPAGATE, tags,
        "process " + group, List.of(Map.entry("traceparent", first.traceparent())), TAGS);
    return failure -> tracer.sendResponse(context, null, span, failure, TagExtractor.empty());
  }


  private static final TagExtractor<List<Map.Entry<String, String>>> TAGS = new TagExtractor<>() {
    @Override
    public int len(List<Map.Entry<String, String>> tags) {
      return tags.size();
    }

    @Override
    public String name(List<Map.Entry<String, String>> tags, int index) {
      return tags.get(index).getKey();
    }

    @Override
    public String value(List<Map.Entry<String, String>> tags, int index) {
      return tags.get(index).getValue();
    }
  };
}
