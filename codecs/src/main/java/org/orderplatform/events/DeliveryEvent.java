package org.orderplatform.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A shipment's life: scheduled, dispatched, delivered, or cancelled before dispatch. */
public sealed interface DeliveryEvent extends Event, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  /**
   * Version 2: the carrier chosen for the destination, its tracking number and the estimated
   * delivery date (a v1 event reads as carrier "unassigned", no tracking number, due the day it
   * was scheduled for).
   */
  record DeliveryScheduled(UUID orderId, UUID deliveryId, Address address, Instant scheduledFor, String carrier,
                           String trackingNumber, LocalDate estimatedDelivery)
      implements DeliveryEvent {
    public DeliveryScheduled {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(scheduledFor, "scheduledFor");
      Objects.requireNonNull(carrier, "carrier");
      Objects.requireNonNull(trackingNumber, "trackingNumber");
      Objects.requireNonNull(estimatedDelivery, "estimatedDelivery");
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

  /** The carrier reported that it could not deliver. */
  record DeliveryFailed(UUID orderId, UUID deliveryId, String reason) implements DeliveryEvent {
    public DeliveryFailed {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A cancellation asked for after the shipment was dispatched: it goes on, and the saga hears so. */
  record DeliveryCancellationRefused(UUID orderId, UUID deliveryId, String reason) implements DeliveryEvent {
    public DeliveryCancellationRefused {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
