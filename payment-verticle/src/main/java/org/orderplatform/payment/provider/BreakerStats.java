package org.orderplatform.payment.provider;

import io.vertx.circuitbreaker.CircuitBreakerState;

import java.util.Map;

/**
 * The provider circuit's state and the calls made through it, by outcome ({@code Authorized},
 * {@code Declined}, {@code ProviderUnavailable}, {@code Refunded}, {@code NotCharged},
 * {@code Rejected}), for health and metrics.
 */
public record BreakerStats(String state, long stateChanges, Map<String, Long> callsByOutcome) {

  /** The state in which no call goes out. */
  public static final String OPEN = CircuitBreakerState.OPEN.name();

  public long calls(String outcome) {
    return callsByOutcome.getOrDefault(outcome, 0L);
  }
}
