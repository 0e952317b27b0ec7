package org.orderplatform.notification.domain;

import java.util.Locale;

/** What a notification tells the customer; one template each. */
public enum Topic {
  CONFIRMED, REJECTED, CANCELLED, DISPATCHED, DELIVERED;

  /** The name in events and messages: {@code confirmed}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
