package org.orderplatform.order.application;

import org.orderplatform.plumbing.config.Settings;

import java.time.Duration;

/**
 * The saga's timing, read once from the environment.
 *
 * @param paymentDeadline {@code PAYMENT_DEADLINE}: how long the payment step may take, retries
 *                        included, before the order is compensated and cancelled (default 30s)
 * @param retryFirst      {@code PAYMENT_RETRY_FIRST}: the wait before asking again after the provider
 *                        was unavailable (default 1s), doubling per attempt
 * @param retryMax        {@code PAYMENT_RETRY_MAX}: the longest such wait (default 8s)
 * @param scanEvery       {@code DEADLINE_SCAN_INTERVAL}: how often the deadline scanner looks (default 250ms)
 */
public record SagaSettings(Duration paymentDeadline, Duration retryFirst, Duration retryMax, Duration scanEvery) {

  public static SagaSettings from(Settings env) {
    return new SagaSettings(env.duration("PAYMENT_DEADLINE", Duration.ofSeconds(30)),
        env.duration("PAYMENT_RETRY_FIRST", Duration.ofSeconds(1)),
        env.duration("PAYMENT_RETRY_MAX", Duration.ofSeconds(8)),
        env.duration("DEADLINE_SCAN_INTERVAL", Duration.ofMillis(250)));
  }
}
