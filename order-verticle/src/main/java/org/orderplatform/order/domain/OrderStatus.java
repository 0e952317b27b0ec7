package org.orderplatform.order.domain;

/** Where an order is in its life. */
public enum OrderStatus {
  PLACED,
  RESERVED,
  PAYMENT_REQUESTED,
  CONFIRMED,
  /** Compensating: the stock is being released before the order ends CANCELLED. */
  CANCELLING,
  REJECTED,
  CANCELLED,
  COMPLETED;

  /** No step of the saga is left to run (a late payment may still be refunded). */
  public boolean terminal() {
    return this == REJECTED || this == CANCELLED || this == COMPLETED;
  }
}
