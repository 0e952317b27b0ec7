package org.orderplatform.notification.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to one customer about one event, over one channel.
 *
 * @param notificationId the same for every attempt at this (event, channel): see {@link #idFor}
 * @param occurredAt     when the event happened, so a message sent late still says when
 */
public record Notice(UUID notificationId, UUID eventId, UUID orderId, String customerId, ChannelName channel,
                     Rendered rendered, Instant occurredAt) {

  public Notice {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(rendered, "rendered");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /**
   * A name-based id derived from the event and the channel: a retry after a failed send carries
   * the id the first attempt carried, so a receiver can drop a message it already has.
   */
  public static UUID idFor(UUID eventId, ChannelName channel) {
    return UUID.nameUUIDFromBytes((eventId + "/" + channel.id()).getBytes(StandardCharsets.UTF_8));
  }
}
