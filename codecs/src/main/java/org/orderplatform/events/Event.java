package org.orderplatform.events;

/** A fact in the past tense; one sealed family per service that records it. */
public sealed interface Event extends Message
    permits OrderEvent, InventoryEvent, PaymentEvent, DeliveryEvent, NotificationEvent {
}
