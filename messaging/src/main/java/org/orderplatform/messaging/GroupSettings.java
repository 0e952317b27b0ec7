package org.orderplatform.messaging;

import java.time.Duration;
import java.util.Objects;

/**
 * How a subscriber group is dispatched.
 *
 * @param batchSize      events per request; 1 sends single envelopes, more sends {@code EnvelopeBatch}es
 * @param maxInFlight    requests in flight at once (each for distinct aggregates)
 * @param maxPending     events read ahead of the cursor
 * @param sendTimeout    how long a request waits for its acknowledgement
 * @param pollInterval   safety-net poll when no NOTIFY arrives
 */
public record GroupSettings(int batchSize, int maxInFlight, int maxPending, RetryPolicy retry,
                            Duration sendTimeout, Duration pollInterval) {

  public GroupSettings {
    Objects.requireNonNull(retry, "retry");
    if (batchSize < 1 || maxInFlight < 1 || maxPending < batchSize) {
      throw new IllegalArgumentException("need batchSize >= 1, maxInFlight >= 1, maxPending >= batchSize");
    }
  }

  public static GroupSettings perEvent() {
    return new GroupSettings(1, 64, 2_000, RetryPolicy.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(1));
  }

  public static GroupSettings batched(int batchSize) {
    return new GroupSettings(batchSize, 8, Math.max(4_000, batchSize * 16), RetryPolicy.defaults(),
        Duration.ofSeconds(10), Duration.ofSeconds(1));
  }

  public GroupSettings withRetry(RetryPolicy policy) {
    return new GroupSettings(batchSize, maxInFlight, maxPending, policy, sendTimeout, pollInterval);
  }

  public GroupSettings withSendTimeout(Duration timeout) {
    return new GroupSettings(batchSize, maxInFlight, maxPending, retry, timeout, pollInterval);
  }
}
