package org.orderplatform.order.domain;

import java.time.Instant;
import java.util.UUID;

/** A stored timer of the saga: when it is due and the order has not moved on, the saga acts. */
public record Deadline(UUID orderId, Kind kind, Instant dueAt) {

  public enum Kind {
    /** The payment must be authorised by then, or the order is compensated and cancelled. */
    PAYMENT,
    /** The provider was unavailable: ask for the payment again. */
    PAYMENT_RETRY
  }
}
