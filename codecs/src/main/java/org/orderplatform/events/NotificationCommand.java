package org.orderplatform.events;

import java.util.Objects;
import java.util.UUID;

/** Requests to the notification service. */
public sealed interface NotificationCommand extends Command, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  record NotifyCustomer(UUID orderId, String customerId, String topic, String text) implements NotificationCommand {
    public NotifyCustomer {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(text, "text");
    }
  }
}
