package org.orderplatform.messaging;

import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.AboutAnOrder;
import org.orderplatform.messaging.log.StoredEvent;
import org.orderplatform.plumbing.logging.LogContext;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The {@link LogContext} of messages: the order an envelope is about, and the trace it carries. */
public final class OrderLogging {

  private OrderLogging() {
  }

  /** The order {@code envelope} is about, or null (a catalogue event). */
  public static UUID orderOf(Envelope<?> envelope) {
    return envelope.payload() instanceof AboutAnOrder about ? about.orderId() : null;
  }

  /**
   * Marks the current message's handling as about the delivery's order, when every envelope of it
   * is about the same one. A batch of many orders marks nothing here: the lines about one of its
   * orders name it themselves ({@link LogContext#during}).
   */
  public static void enter(List<Envelope<?>> delivery) {
    if (delivery.isEmpty()) {
      return;
    }
    UUID order = orderOf(delivery.get(0));
    String traceparent = delivery.get(0).traceparent();
    for (Envelope<?> envelope : delivery) {
      if (!Objects.equals(orderOf(envelope), order)) {
        return;
      }
      if (traceparent == null) {
        traceparent = envelope.traceparent();
      }
    }
    LogContext.enter(order, traceparent);
  }

  /** Runs {@code lines} (synchronous) as about the order and trace of an event read from the log, when it could be read. */
  public static void about(StoredEvent.Readout event, Runnable lines) {
    if (event instanceof StoredEvent.Readout.Readable readable) {
      LogContext.during(orderOf(readable.envelope()), readable.envelope().traceparent(), lines);
    } else {
      lines.run();
    }
  }
}
