package org.orderplatform.events;

/** A request in the imperative, addressed to the service that owns the family. */
public sealed interface Command extends Message
    permits OrderCommand, InventoryCommand, PaymentCommand, DeliveryCommand, NotificationCommand {
}
