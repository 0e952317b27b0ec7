package org.orderplatform.order.domain;

/** Where an order is in its life. */
public enum OrderStatus {
  PLACED,
  RESERVED,
  PAYMENT_REQUESTED,
  CONFIRMED,
  DELIVERY_SCHEDULED,
  DISPATCHED,
  DELIVERED,
  /** Compensating: the stock is being released (and any charge refunded, any shipment cancelled). */
  CANCELLING,
  REJECTED,
  CANCELLED,
  DELIVERY_FAILED,
  COMPLETED;

  /** No step of the saga is left to run (a late payment may still be refunded). */
  public boolean terminal() {
    return this == REJECTED || this == CANCELLED || this == COMPLETED || this == DELIVERY_FAILED;
  }

  /** The shipment has left: the order can no longer be cancelled. */
  public boolean shipped() {
    return this == DISPATCHED || this == DELIVERED || this == COMPLETED || this == DELIVERY_FAILED;
  }
}
