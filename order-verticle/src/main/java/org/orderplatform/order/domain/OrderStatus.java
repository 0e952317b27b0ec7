package org.orderplatform.order.domain;

/** Where an order is in its life. */
public enum OrderStatus {
  PLACED,
  RESERVED,
  REJECTED,
  PAYMENT_REQUESTED,
  CONFIRMED,
  CANCELLATION_REQUESTED,
  CANCELLED,
  COMPLETED
}
