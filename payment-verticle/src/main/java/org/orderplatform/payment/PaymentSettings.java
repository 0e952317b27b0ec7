package org.orderplatform.payment;

import org.orderplatform.plumbing.config.Durations;
import org.orderplatform.plumbing.config.Numbers;
import org.orderplatform.plumbing.db.PgSettings;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the payment service talks to its provider, read once from the environment.
 *
 * @param providerUrl     {@code PAYMENT_PROVIDER_URL}; empty: the simulator on this JVM's own server
 *                        ({@code <local url>/provider}), known only once that server listens
 * @param callTimeout     {@code PAYMENT_CALL_TIMEOUT} (2s): one attempt's limit
 * @param breakerFailures {@code PAYMENT_BREAKER_FAILURES} (5): failed calls that open the circuit
 * @param breakerReset    {@code PAYMENT_BREAKER_RESET} (5s): how long it stays open before one trial call
 * @param maxRetries      {@code PAYMENT_MAX_RETRIES} (3): further attempts after a timeout or 5xx
 * @param backoffInitial  {@code PAYMENT_BACKOFF_INITIAL} (100ms) and {@code PAYMENT_BACKOFF_MAX} (1s):
 *                        exponential backoff with jitter between attempts
 */
public record PaymentSettings(Optional<String> providerUrl, Duration callTimeout, int breakerFailures,
                              Duration breakerReset, int maxRetries, Duration backoffInitial, Duration backoffMax) {

  private static final Duration MAX = Duration.ofMinutes(10);

  // Short enough by default that a batch lost with a dead JVM (the dispatcher waits for
  // batchTimeout(), 21 s with these, before sending it again) is answered well inside the saga's
  // 30 s payment deadline; the saga asks an unavailable provider again by itself.
  private static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMillis(500);

  public static PaymentSettings from(Function<String, String> env) {
    String url = env.apply("PAYMENT_PROVIDER_URL");
    Duration initial = duration(env, "PAYMENT_BACKOFF_INITIAL", Duration.ofMillis(100), Duration.ZERO);
    return new PaymentSettings(url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim()),
        duration(env, "PAYMENT_CALL_TIMEOUT", Duration.ofMillis(1_500), Duration.ofMillis(1)),
        Numbers.integer(env.apply("PAYMENT_BREAKER_FAILURES"), 5, "PAYMENT_BREAKER_FAILURES", 1, 1_000),
        duration(env, "PAYMENT_BREAKER_RESET", Duration.ofSeconds(5), Duration.ofMillis(1)),
        Numbers.integer(env.apply("PAYMENT_MAX_RETRIES"), 2, "PAYMENT_MAX_RETRIES", 0, 20),
        initial, duration(env, "PAYMENT_BACKOFF_MAX", DEFAULT_BACKOFF_MAX.compareTo(initial) < 0 ? initial
            : DEFAULT_BACKOFF_MAX, initial));
  }

  private static Duration duration(Function<String, String> env, String name, Duration fallback, Duration min) {
    return Durations.parse(env.apply(name), fallback, name, min, MAX);
  }

  /** The longest one call through the breaker can take: every attempt timing out, every backoff at its cap. */
  public Duration worstCall() {
    return callTimeout.multipliedBy(maxRetries + 1L).plus(backoffMax.multipliedBy(maxRetries));
  }

  /**
   * How long the dispatcher waits for a batch: a charge and a refund of one order in one batch run
   * in turn, plus the request's statement and the inbox transaction, each bounded by the statement
   * timeout. Shorter, and a slow provider would have every batch sent again while it still runs.
   */
  public Duration batchTimeout() {
    return worstCall().multipliedBy(2).plus(PgSettings.Timeouts.DEFAULT_STATEMENT.multipliedBy(2))
        .plus(Duration.ofSeconds(2));
  }
}
