package org.orderplatform.notification.application;

import org.orderplatform.notification.domain.ChannelName;

import java.util.List;
import java.util.UUID;

/**
 * Another delivery holds the claim on these events' messages and has not finished: it is sending
 * them now, or its process died mid-send. They are not sent again; this delivery fails, and its
 * retry finds them done. A claim left by a dead process stays: those events end in the dead-letter
 * store with this error, for an operator to check whether the message went out.
 */
public final class NotificationInFlight extends RuntimeException {

  public NotificationInFlight(ChannelName channel, List<UUID> eventIds) {
    super(channel.id() + " notification of event(s) " + eventIds + " is being sent by another delivery", null,
        false, false);
  }
}
