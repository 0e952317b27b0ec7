package org.orderplatform.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import net.logstash.logback.composite.AbstractJsonProvider;
import org.orderplatform.plumbing.logging.LogContext;

import java.io.IOException;

/**
 * Adds {@code trace_id} and {@code order_id} to each JSON log line: what the line's request or
 * message is about ({@link LogContext}). A line about no order takes the current span's trace; a
 * line about an order only the trace named with it, never the current span's (in a batch of many
 * orders that span is another order's). Read as the line is encoded, which a console appender does
 * on the thread and Vert.x context that logged it (an asynchronous appender would read another
 * thread's context and must not be put in front of it).
 */
public final class OrderFields extends AbstractJsonProvider<ILoggingEvent> {

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    LogContext.Fields fields;
    String traceId;
    try {
      fields = LogContext.current();
      traceId = fields.orderId() != null ? fields.traceId() : currentTrace();
    } catch (RuntimeException e) {
      // The line itself matters more than its two fields.
      return;
    }
    if (traceId != null) {
      generator.writeStringField("trace_id", traceId);
    }
    if (fields.orderId() != null) {
      generator.writeStringField("order_id", fields.orderId());
    }
  }

  private static String currentTrace() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }
}
