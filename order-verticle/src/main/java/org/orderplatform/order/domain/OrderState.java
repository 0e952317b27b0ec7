package org.orderplatform.order.domain;

import org.orderplatform.events.Address;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as folded from its events: {@code state.apply(event)} is the only way it changes, so
 * the same fold rebuilds it from the log at any moment.
 */
public record OrderState(UUID orderId, String customerId, OrderStatus status, List<OrderLine> lines, Money total,
                         Address shippingAddress, String reason, int version, Instant placedAt, Instant updatedAt) {

  public OrderState {
    lines = List.copyOf(lines);
  }

  public static OrderState placed(OrderEvent.OrderPlaced placed, Instant at) {
    return new OrderState(placed.orderId(), placed.customerId(), OrderStatus.PLACED, placed.lines(), placed.total(),
        placed.shippingAddress(), null, 1, at, at);
  }

  /** The state after one more of the order's own events. */
  public OrderState apply(OrderEvent event, Instant at) {
    if (event instanceof OrderEvent.OrderRejected rejected) {
      return next(OrderStatus.REJECTED, rejected.reason(), at);
    }
    if (event instanceof OrderEvent.PaymentRequested) {
      return next(OrderStatus.PAYMENT_REQUESTED, reason, at);
    }
    if (event instanceof OrderEvent.OrderConfirmed) {
      return next(OrderStatus.CONFIRMED, reason, at);
    }
    if (event instanceof OrderEvent.OrderCancellationRequested requested) {
      return next(OrderStatus.CANCELLATION_REQUESTED, requested.reason(), at);
    }
    if (event instanceof OrderEvent.OrderCancelled cancelled) {
      return next(OrderStatus.CANCELLED, cancelled.reason(), at);
    }
    if (event instanceof OrderEvent.OrderCompleted) {
      return next(OrderStatus.COMPLETED, reason, at);
    }
    return new OrderState(orderId, customerId, status, lines, total, shippingAddress, reason, version + 1, placedAt, at);
  }

  /** The saga learned that stock is held; no event of the order's own records that yet. */
  public OrderState reserved(Instant at) {
    return next(OrderStatus.RESERVED, reason, at);
  }

  private OrderState next(OrderStatus newStatus, String newReason, Instant at) {
    return new OrderState(orderId, customerId, newStatus, lines, total, shippingAddress, newReason, version + 1, placedAt, at);
  }
}
