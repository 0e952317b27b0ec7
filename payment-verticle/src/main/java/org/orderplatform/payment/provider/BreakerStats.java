package org.orderplatform.payment.provider;

import java.util.Map;

/**
 * The provider circuit's state and the calls made through it, by outcome ({@code Authorized},
 * {@code Declined}, {@code ProviderUnavailable}, {@code Refunded}, {@code NotCharged},
 * {@code Rejected}), for health and metrics.
 */
public record BreakerStats(String state, long stateChanges, Map<String, Long> callsByOutcome) {

  public long calls(String outcome) {
    return callsByOutcome.getOrDefault(outcome, 0L);
  }
}
