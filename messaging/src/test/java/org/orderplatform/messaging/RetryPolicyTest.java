package org.orderplatform.messaging;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.TopOfRange;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("exponential backoff with full jitter")
class RetryPolicyTest {

  private static final int DRAWS_PER_ATTEMPT = 2_000;

  private final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofMillis(1_000));

  @Test
  @DisplayName("the ceiling doubles after every failed attempt until it reaches the cap")
  void ceilingsDoubleUpToTheCap() {
    assertThat(new long[] {policy.ceilingMillis(1), policy.ceilingMillis(2), policy.ceilingMillis(3),
        policy.ceilingMillis(4), policy.ceilingMillis(5), policy.ceilingMillis(6)})
        .containsExactly(100, 200, 400, 800, 1_000, 1_000);
  }

  @Test
  @DisplayName("a very late attempt stays at the cap instead of overflowing")
  void lateAttemptsStayAtTheCap() {
    RetryPolicy slow = new RetryPolicy(100, Duration.ofDays(1), Duration.ofDays(7));
    assertThat(slow.ceilingMillis(64)).isEqualTo(Duration.ofDays(7).toMillis());
    assertThat(slow.ceilingMillis(1_000)).isEqualTo(Duration.ofDays(7).toMillis());
  }

  @Test
  @DisplayName("every delay lies within zero and its ceiling, and spreads over that range")
  void delaysStayWithinTheirCeiling() {
    RandomGenerator random = new SplittableRandom(42);
    for (int attempt = 1; attempt <= 6; attempt++) {
      long ceiling = policy.ceilingMillis(attempt);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < DRAWS_PER_ATTEMPT; i++) {
        long delay = policy.delayMillis(attempt, random);
        min = Math.min(min, delay);
        max = Math.max(max, delay);
      }
      assertThat(min).as("smallest delay after attempt %d", attempt).isBetween(0L, ceiling / 10);
      assertThat(max).as("largest delay after attempt %d", attempt).isBetween(ceiling * 9 / 10, ceiling);
    }
  }

  @Test
  @DisplayName("a generator at the top of its range gives exactly the ceiling, at the bottom zero")
  void extremesOfTheGenerator() {
    RandomGenerator bottom = () -> 0L;
    assertThat(policy.delayMillis(3, new TopOfRange())).isEqualTo(400);
    assertThat(policy.delayMillis(3, bottom)).isZero();
    assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ZERO).delayMillis(2, new TopOfRange())).isZero();
  }

  @Test
  @DisplayName("attempts run out at the configured count, and nonsense settings are refused")
  void exhaustionAndValidation() {
    assertThat(policy.exhausted(7)).isFalse();
    assertThat(policy.exhausted(8)).isTrue();
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
