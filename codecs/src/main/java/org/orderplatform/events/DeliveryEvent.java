package org.orderplatform.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A shipment's life: scheduled, dispatched, delivered, or cancelled before dispatch. */
public sealed interface DeliveryEvent extends Event {

  UUID orderId();

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  record DeliveryScheduled(UUID orderId, UUID deliveryId, Address address, Instant scheduledFor)
      implements DeliveryEvent {
    public DeliveryScheduled {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(scheduledFor, "scheduledFor");
    }
  }

  record DeliveryDispatched(UUID orderId, UUID deliveryId, String trackingNumber) implements DeliveryEvent {
    public DeliveryDispatched {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(trackingNumber, "trackingNumber");
    }
  }

  record DeliveryCompleted(UUID orderId, UUID deliveryId, Instant deliveredAt) implements DeliveryEvent {
    public DeliveryCompleted {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(deliveredAt, "deliveredAt");
    }
  }

  record DeliveryCancelled(UUID orderId, UUID deliveryId, String reason) implements DeliveryEvent {
    public DeliveryCancelled {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
