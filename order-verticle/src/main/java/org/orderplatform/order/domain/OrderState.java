package org.orderplatform.order.domain;

import org.orderplatform.events.Address;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order folded from its own events: {@link #apply} is the only way it changes, so the same fold
 * rebuilds it from the log at any moment. The saga's state lives here too (the payment it asked
 * for, how often, whether a refund was asked for and made).
 *
 * @param version the number of events folded, the version the next event is appended at plus one
 */
public record OrderState(UUID orderId, String customerId, OrderStatus status, List<OrderLine> lines, Money total,
                         Address shippingAddress, String paymentToken, String reason, UUID paymentId,
                         int paymentAttempts, boolean refundRequested, boolean refunded, int version,
                         Instant placedAt, Instant updatedAt) {

  public OrderState {
    lines = List.copyOf(lines);
  }

  /** The first event of every order. */
  public static OrderState placed(OrderEvent.OrderPlaced placed, Instant at) {
    return new OrderState(placed.orderId(), placed.customerId(), OrderStatus.PLACED, placed.lines(), placed.total(),
        placed.shippingAddress(), placed.paymentToken(), null, null, 0, false, false, 1, at, at);
  }

  /** The state after one more of the order's own events. */
  public OrderState apply(OrderEvent event, Instant at) {
    if (event instanceof OrderEvent.OrderPlaced) {
      throw new IllegalStateException("order " + orderId + " placed twice");
    }
    if (event instanceof OrderEvent.OrderReserved) {
      return with(OrderStatus.RESERVED, reason, at);
    }
    if (event instanceof OrderEvent.OrderRejected rejected) {
      return with(OrderStatus.REJECTED, rejected.reason(), at);
    }
    if (event instanceof OrderEvent.PaymentRequested requested) {
      return new OrderState(orderId, customerId, OrderStatus.PAYMENT_REQUESTED, lines, total, shippingAddress,
          paymentToken, reason, requested.paymentId(), paymentAttempts + 1, refundRequested, refunded, version + 1,
          placedAt, at);
    }
    if (event instanceof OrderEvent.OrderConfirmed) {
      return with(OrderStatus.CONFIRMED, reason, at);
    }
    if (event instanceof OrderEvent.OrderStepTimedOut) {
      // The compensation that follows it says why the order is being cancelled.
      return with(status, reason, at);
    }
    if (event instanceof OrderEvent.StockReleaseRequested release) {
      return with(OrderStatus.CANCELLING, release.reason(), at);
    }
    if (event instanceof OrderEvent.OrderCancellationRequested requested) {
      return with(OrderStatus.CANCELLING, requested.reason(), at);
    }
    if (event instanceof OrderEvent.OrderCancelled cancelled) {
      return with(OrderStatus.CANCELLED, cancelled.reason(), at);
    }
    if (event instanceof OrderEvent.RefundRequested refund) {
      return new OrderState(orderId, customerId, status, lines, total, shippingAddress, paymentToken, reason,
          refund.paymentId(), paymentAttempts, true, refunded, version + 1, placedAt, at);
    }
    if (event instanceof OrderEvent.OrderRefunded) {
      return new OrderState(orderId, customerId, status, lines, total, shippingAddress, paymentToken, reason,
          paymentId, paymentAttempts, refundRequested, true, version + 1, placedAt, at);
    }
    if (event instanceof OrderEvent.OrderCompleted) {
      return with(OrderStatus.COMPLETED, reason, at);
    }
    throw new IllegalArgumentException("no fold for " + event.getClass().getSimpleName());
  }

  /** Folds a whole stream, oldest first; empty when the order was never placed. */
  public static Optional<OrderState> fold(List<Timed> events) {
    OrderState state = null;
    for (Timed event : events) {
      state = state == null ? placed((OrderEvent.OrderPlaced) event.event(), event.at()) : state.apply(event.event(), event.at());
    }
    return Optional.ofNullable(state);
  }

  /** One of the order's events and when it happened. */
  public record Timed(OrderEvent event, Instant at) {
  }

  private OrderState with(OrderStatus newStatus, String newReason, Instant at) {
    return new OrderState(orderId, customerId, newStatus, lines, total, shippingAddress, paymentToken, newReason,
        paymentId, paymentAttempts, refundRequested, refunded, version + 1, placedAt, at);
  }
}
