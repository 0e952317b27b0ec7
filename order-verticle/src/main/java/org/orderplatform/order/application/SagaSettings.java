package org.orderplatform.order.application;

import org.orderplatform.plumbing.config.Durations;

import java.time.Duration;
import java.util.function.Function;

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

  private static final Duration MAX = Duration.ofHours(24);

  public static SagaSettings from(Function<String, String> env) {
    return new SagaSettings(duration(env, "PAYMENT_DEADLINE", Duration.ofSeconds(30)),
        duration(env, "PAYMENT_RETRY_FIRST", Duration.ofSeconds(1)),
        duration(env, "PAYMENT_RETRY_MAX", Duration.ofSeconds(8)),
        duration(env, "DEADLINE_SCAN_INTERVAL", Duration.ofMillis(250)));
  }

  private static Duration duration(Function<String, String> env, String name, Duration fallback) {
    return Durations.parse(env.apply(name), fallback, name, Duration.ofMillis(1), MAX);
  }
}
