package org.orderplatform.messaging.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code dispatch_attempts_total{group, outcome}}: what came of a group's sends. The {@link Sender}
 * counts {@code delivered} (events acknowledged, each event of a batch once), {@code failed}
 * (attempts the consumer failed or did not answer in time, a batch once) and {@code waited} (no
 * consumer, or a stale term: no attempt spent); {@link Holding} counts the events held back,
 * {@code dead_lettered} and {@code parked}.
 */
final class AttemptCounters {

  static final String NAME = "dispatch.attempts";

  private AttemptCounters() {
  }

  static Counter of(MeterRegistry meters, String group, String outcome) {
    return Counter.builder(NAME).description("What came of the dispatcher's sends, by subscriber group and outcome")
        .tag("group", group).tag("outcome", outcome).register(meters);
  }
}
