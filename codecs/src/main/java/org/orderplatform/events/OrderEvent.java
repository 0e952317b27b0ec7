package org.orderplatform.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What happened to an order; the order's event-sourced stream. */
public sealed interface OrderEvent extends Event {

  UUID orderId();

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  /** Version 2: money in minor units, structured address (v1 is upcast, see {@code EventTypes}). */
  record OrderPlaced(UUID orderId, String customerId, List<OrderLine> lines, Money total, Address shippingAddress)
      implements OrderEvent {
    public OrderPlaced {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(customerId, "customerId");
      lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
      Objects.requireNonNull(total, "total");
      Objects.requireNonNull(shippingAddress, "shippingAddress");
    }
  }

  record OrderRejected(UUID orderId, String reason, List<RejectedLine> rejectedLines) implements OrderEvent {
    public OrderRejected {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
      rejectedLines = List.copyOf(Objects.requireNonNull(rejectedLines, "rejectedLines"));
    }
  }

  record PaymentRequested(UUID orderId, UUID paymentId, Money amount) implements OrderEvent {
    public PaymentRequested {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(amount, "amount");
    }
  }

  record OrderConfirmed(UUID orderId) implements OrderEvent {
    public OrderConfirmed {
      Objects.requireNonNull(orderId, "orderId");
    }
  }

  record OrderCancellationRequested(UUID orderId, String reason) implements OrderEvent {
    public OrderCancellationRequested {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  record OrderCancelled(UUID orderId, String reason) implements OrderEvent {
    public OrderCancelled {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  record OrderCompleted(UUID orderId) implements OrderEvent {
    public OrderCompleted {
      Objects.requireNonNull(orderId, "orderId");
    }
  }

  /** A saga step passed its stored deadline; compensation follows. */
  record OrderStepTimedOut(UUID orderId, String step) implements OrderEvent {
    public OrderStepTimedOut {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(step, "step");
    }
  }
}
