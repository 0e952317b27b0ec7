package org.orderplatform.order.domain;

/** What a customer's cancellation comes to (see {@link OrderSaga#cancel}). */
public sealed interface Cancellation {

  record Accepted(Reaction reaction) implements Cancellation {
  }

  /** Cancelled or being cancelled already: asking again changes nothing. */
  record AlreadyCancelled() implements Cancellation {
  }

  /** Rejected, or shipped: too late. */
  record NotCancellable(OrderStatus status) implements Cancellation {
  }
}
