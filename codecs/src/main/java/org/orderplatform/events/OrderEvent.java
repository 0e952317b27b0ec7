package org.orderplatform.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What happened to an order; the order's event-sourced stream. */
public sealed interface OrderEvent extends Event, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  /**
   * Version 3: the payment token the customer gave; version 2 brought money in minor units and a
   * structured address (older versions are upcast, see {@code Upcasters}).
   */
  record OrderPlaced(UUID orderId, String customerId, List<OrderLine> lines, Money total, Address shippingAddress,
                     String paymentToken)
      implements OrderEvent {

    /** The token an order without one pays with; the payment provider simulator approves it. */
    public static final String DEFAULT_PAYMENT_TOKEN = "tok_visa";

    public OrderPlaced {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(customerId, "customerId");
      lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
      Objects.requireNonNull(total, "total");
      Objects.requireNonNull(shippingAddress, "shippingAddress");
      Objects.requireNonNull(paymentToken, "paymentToken");
    }
  }

  /** Inventory holds every line: the saga's first step is done. */
  record OrderReserved(UUID orderId) implements OrderEvent {
    public OrderReserved {
      Objects.requireNonNull(orderId, "orderId");
    }
  }

  record OrderRejected(UUID orderId, String reason, List<RejectedLine> rejectedLines) implements OrderEvent {
    public OrderRejected {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
      rejectedLines = List.copyOf(Objects.requireNonNull(rejectedLines, "rejectedLines"));
    }
  }

  /**
   * The saga asks the payment service to charge the order; asked again after an unavailable
   * provider, with the same payment id (the order id is the provider's idempotency key). Version 2
   * carries the customer's payment token.
   */
  record PaymentRequested(UUID orderId, UUID paymentId, Money amount, String paymentToken) implements OrderEvent {
    public PaymentRequested {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(paymentToken, "paymentToken");
    }
  }

  /** Compensation: the saga asks the inventory to give back whatever the order holds. */
  record StockReleaseRequested(UUID orderId, String reason) implements OrderEvent {
    public StockReleaseRequested {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Compensation: the saga asks the payment service to refund a charge the order must not keep. */
  record RefundRequested(UUID orderId, UUID paymentId, Money amount, String reason) implements OrderEvent {
    public RefundRequested {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The payment service refunded the charge; the order records it in its own stream. */
  record OrderRefunded(UUID orderId, UUID paymentId, Money amount) implements OrderEvent {
    public OrderRefunded {
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

  /** The saga asks the delivery service for a shipment of the confirmed order. */
  record DeliveryRequested(UUID orderId, String customerId, Address shippingAddress, List<StockLine> lines)
      implements OrderEvent {
    public DeliveryRequested {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(shippingAddress, "shippingAddress");
      lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
  }

  /** Compensation: the saga asks the delivery service to cancel the order's shipment before dispatch. */
  record DeliveryCancellationRequested(UUID orderId, String reason) implements OrderEvent {
    public DeliveryCancellationRequested {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The order's shipment is scheduled. */
  record OrderShipmentScheduled(UUID orderId, UUID deliveryId) implements OrderEvent {
    public OrderShipmentScheduled {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
    }
  }

  /** The order's shipment left the warehouse: from now on it can no longer be cancelled. */
  record OrderDispatched(UUID orderId, UUID deliveryId) implements OrderEvent {
    public OrderDispatched {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
    }
  }

  /** The customer has the order. */
  record OrderDelivered(UUID orderId, UUID deliveryId) implements OrderEvent {
    public OrderDelivered {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
    }
  }

  /** The carrier could not deliver the order. */
  record OrderDeliveryFailed(UUID orderId, UUID deliveryId, String reason) implements OrderEvent {
    public OrderDeliveryFailed {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
