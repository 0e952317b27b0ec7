package org.orderplatform.notification.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.orderplatform.notification.domain.ChannelName;

/**
 * {@code notifications_total{channel, outcome}}: the outcomes one channel's group recorded,
 * {@code notified} ({@code CustomerNotified}) or {@code failed} ({@code NotificationFailed}),
 * counted once the transaction that records them has committed.
 */
record NotificationMeters(Counter notified, Counter failed) {

  static NotificationMeters of(MeterRegistry meters, ChannelName channel) {
    return new NotificationMeters(counter(meters, channel, "notified"), counter(meters, channel, "failed"));
  }

  private static Counter counter(MeterRegistry meters, ChannelName channel, String outcome) {
    return Counter.builder("notifications").description("Notification outcomes recorded, by channel and outcome")
        .tag("channel", channel.id()).tag("outcome", outcome).register(meters);
  }
}
