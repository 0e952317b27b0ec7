package org.orderplatform.notification.domain;

import java.util.Locale;

/** The ways a customer can be told; each has a subscriber group of its own. */
public enum ChannelName {
  LOG, WEBHOOK, EMAIL;

  /** The name in events, rows and group names: {@code webhook}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
