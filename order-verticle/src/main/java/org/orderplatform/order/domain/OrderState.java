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
 * rebuilds it from the log at any moment. The saga's state lives here too: the payment it asked
 * for and how often, whether a refund was asked for and made, the shipment it asked for and
 * whether its cancellation was asked for.
 *
 * @param version the number of events folded: the next event is appended at {@code version + 1}
 */
public record OrderState(UUID orderId, String customerId, OrderStatus status, List<OrderLine> lines, Money total,
                         Address shippingAddress, String paymentToken, String reason, UUID paymentId,
                         int paymentAttempts, boolean refundRequested, boolean refunded, UUID deliveryId,
                         boolean deliveryRequested, boolean deliveryCancellationRequested, int version,
                         Instant placedAt, Instant updatedAt) {

  public OrderState {
    lines = List.copyOf(lines);
  }

  /** The first event of every order. */
  public static OrderState placed(OrderEvent.OrderPlaced placed, Instant at) {
    return new OrderState(placed.orderId(), placed.customerId(), OrderStatus.PLACED, placed.lines(), placed.total(),
        placed.shippingAddress(), placed.paymentToken(), null, null, 0, false, false, null, false, false, 1, at, at);
  }

  /** The state after one more of the order's own events. */
  public OrderState apply(OrderEvent event, Instant at) {
    Change next = new Change(this);
    if (event instanceof OrderEvent.OrderPlaced) {
      throw new IllegalStateException("order " + orderId + " placed twice");
    } else if (event instanceof OrderEvent.OrderReserved) {
      next.status = OrderStatus.RESERVED;
    } else if (event instanceof OrderEvent.OrderRejected rejected) {
      next.status = OrderStatus.REJECTED;
      next.reason = rejected.reason();
    } else if (event instanceof OrderEvent.PaymentRequested requested) {
      next.status = OrderStatus.PAYMENT_REQUESTED;
      next.paymentId = requested.paymentId();
      next.paymentAttempts++;
    } else if (event instanceof OrderEvent.OrderConfirmed) {
      next.status = OrderStatus.CONFIRMED;
    } else if (event instanceof OrderEvent.StockReleaseRequested release) {
      // The compensation that follows a timeout or a decline says why the order is being cancelled.
      next.status = OrderStatus.CANCELLING;
      next.reason = release.reason();
    } else if (event instanceof OrderEvent.OrderCancellationRequested requested) {
      next.status = OrderStatus.CANCELLING;
      next.reason = requested.reason();
    } else if (event instanceof OrderEvent.OrderCancelled cancelled) {
      next.status = OrderStatus.CANCELLED;
      next.reason = cancelled.reason();
    } else if (event instanceof OrderEvent.RefundRequested refund) {
      next.paymentId = refund.paymentId();
      next.refundRequested = true;
    } else if (event instanceof OrderEvent.OrderRefunded) {
      next.refunded = true;
    } else if (event instanceof OrderEvent.DeliveryRequested) {
      next.deliveryRequested = true;
    } else if (event instanceof OrderEvent.DeliveryCancellationRequested) {
      next.deliveryCancellationRequested = true;
    } else if (event instanceof OrderEvent.OrderShipmentScheduled scheduled) {
      next.status = OrderStatus.DELIVERY_SCHEDULED;
      next.deliveryId = scheduled.deliveryId();
    } else if (event instanceof OrderEvent.OrderDispatched) {
      next.status = OrderStatus.DISPATCHED;
    } else if (event instanceof OrderEvent.OrderDelivered) {
      next.status = OrderStatus.DELIVERED;
    } else if (event instanceof OrderEvent.OrderDeliveryFailed failed) {
      next.status = OrderStatus.DELIVERY_FAILED;
      next.reason = failed.reason();
    } else if (event instanceof OrderEvent.OrderCompleted) {
      next.status = OrderStatus.COMPLETED;
    } else if (!(event instanceof OrderEvent.OrderStepTimedOut)) {
      throw new IllegalArgumentException("no fold for " + event.getClass().getSimpleName());
    }
    return next.state(at);
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

  /** The fields one event may change, starting from the current state; every event bumps the version. */
  private static final class Change {
    private final OrderState from;
    private OrderStatus status;
    private String reason;
    private UUID paymentId;
    private int paymentAttempts;
    private boolean refundRequested;
    private boolean refunded;
    private UUID deliveryId;
    private boolean deliveryRequested;
    private boolean deliveryCancellationRequested;

    Change(OrderState from) {
      this.from = from;
      this.status = from.status;
      this.reason = from.reason;
      this.paymentId = from.paymentId;
      this.paymentAttempts = from.paymentAttempts;
      this.refundRequested = from.refundRequested;
      this.refunded = from.refunded;
      this.deliveryId = from.deliveryId;
      this.deliveryRequested = from.deliveryRequested;
      this.deliveryCancellationRequested = from.deliveryCancellationRequested;
    }

    OrderState state(Instant at) {
      return new OrderState(from.orderId, from.customerId, status, from.lines, from.total, from.shippingAddress,
          from.paymentToken, reason, paymentId, paymentAttempts, refundRequested, refunded, deliveryId,
          deliveryRequested, deliveryCancellationRequested, from.version + 1, from.placedAt, at);
    }
  }
}
