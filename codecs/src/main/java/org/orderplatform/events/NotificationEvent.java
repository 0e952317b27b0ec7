package org.orderplatform.events;

import java.util.Objects;
import java.util.UUID;

/** Whether a customer was told about their order, and through which channel. */
public sealed interface NotificationEvent extends Event, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  record CustomerNotified(UUID orderId, UUID notificationId, String channel, String topic)
      implements NotificationEvent {
    public CustomerNotified {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(notificationId, "notificationId");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(topic, "topic");
    }
  }

  record NotificationFailed(UUID orderId, UUID notificationId, String channel, String reason)
      implements NotificationEvent {
    public NotificationFailed {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(notificationId, "notificationId");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
