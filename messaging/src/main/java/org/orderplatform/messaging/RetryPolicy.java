package org.orderplatform.messaging;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before attempt {@code n + 1} wait a uniformly random time
 * in {@code [0, min(cap, base * 2^(n-1))]}. Full jitter spreads retries of many failing messages
 * instead of having them hammer a recovering dependency in lockstep.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (base.isNegative() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 <= base <= cap");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  /** Upper bound of the wait after the given failed attempt (1-based). */
  public long ceilingMillis(int failedAttempt) {
    int shift = Math.min(failedAttempt - 1, 30);
    long exponential = base.toMillis() << shift;
    return Math.min(cap.toMillis(), exponential < 0 ? Long.MAX_VALUE : exponential);
  }

  public long delayMillis(int failedAttempt, RandomGenerator random) {
    long ceiling = ceilingMillis(failedAttempt);
    return ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
  }

  public boolean exhausted(int attemptsMade) {
    return attemptsMade >= maxAttempts;
  }
}
