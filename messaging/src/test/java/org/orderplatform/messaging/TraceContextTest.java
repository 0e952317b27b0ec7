package org.orderplatform.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.testing.Samples;
import org.orderplatform.events.InventoryEvent;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the traceparent an appended event carries")
class TraceContextTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  @DisplayName("with no current span, the envelope keeps its own traceparent (or none)")
  void noSpan() {
    assertThat(TraceContext.traceparentOf(envelope(Samples.TRACEPARENT))).isEqualTo(Samples.TRACEPARENT);
    assertThat(TraceContext.traceparentOf(envelope(null))).isNull();
  }

  @Test
  @DisplayName("with a current span, an event without a trace, or of the span's trace, carries the span in W3C format")
  void currentSpan() {
    try (Scope ignored = span(TRACE, "b7ad6b7169203331").makeCurrent()) {
      assertThat(TraceContext.traceparentOf(envelope(null))).isEqualTo("00-" + TRACE + "-b7ad6b7169203331-01");
      assertThat(TraceContext.traceparentOf(envelope(Samples.TRACEPARENT))).isEqualTo("00-" + TRACE + "-b7ad6b7169203331-01");
    }
  }

  @Test
  @DisplayName("an event caused in another trace (a batch's other envelope) keeps that trace")
  void otherTrace() {
    try (Scope ignored = span(OTHER_TRACE, "b7ad6b7169203331").makeCurrent()) {
      assertThat(TraceContext.traceparentOf(envelope(Samples.TRACEPARENT))).isEqualTo(Samples.TRACEPARENT);
    }
  }

  private static Span span(String traceId, String spanId) {
    return Span.wrap(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
  }

  private static Envelope<InventoryEvent> envelope(String traceparent) {
    return Envelope.of(new InventoryEvent.StockRestocked(Samples.SKU, 1), UUID.randomUUID(), Samples.OCCURRED_AT,
        Samples.CORRELATION_ID, null, traceparent);
  }
}
