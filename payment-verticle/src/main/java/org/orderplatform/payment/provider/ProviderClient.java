package org.orderplatform.payment.provider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.orderplatform.events.Money;
import org.orderplatform.payment.PaymentSettings;
import org.orderplatform.payment.application.PaymentProvider;
import org.orderplatform.payment.domain.ProviderOutcome;
import org.orderplatform.payment.domain.ProviderUnavailable;
import org.orderplatform.payment.domain.RefundOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The provider over HTTP behind a circuit breaker. Each attempt is bounded by the call timeout;
 * timeouts, connection errors and 5xx are retried with exponential backoff and jitter and, after
 * the last attempt, count once towards opening the circuit. A decline is an answer, not a
 * failure: no retry, no count. While the circuit is open no call goes out, and the fallback
 * reports {@link ProviderUnavailable}; no exception leaves this class.
 *
 * <p>Its meters: {@code payment_breaker_state} (0 closed, 1 half-open, 2 open) and
 * {@code payment_provider_calls_total{outcome}}, the counts {@link #stats()} reports too.
 */
public final class ProviderClient implements PaymentProvider {

  private static final Logger log = LoggerFactory.getLogger(ProviderClient.class);
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final WebClient client;
  private final CircuitBreaker breaker;
  private final long callTimeoutMillis;
  private final Supplier<String> baseUrl;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final AtomicLong stateChanges = new AtomicLong();
  private final MeterRegistry meters;

  /**
   * @param localUrl this JVM's server, for the default provider URL; asked at the first call
   * @param meters   get the circuit's state and the calls by outcome
   */
  public ProviderClient(Vertx vertx, PaymentSettings settings, Supplier<String> localUrl, MeterRegistry meters) {
    this.meters = meters;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(64));
    this.callTimeoutMillis = settings.callTimeout().toMillis();
    this.baseUrl = settings.providerUrl().<Supplier<String>>map(url -> () -> url)
        .orElse(() -> localUrl.get() + "/provider");
    this.breaker = CircuitBreaker.create("payment-provider", vertx, new CircuitBreakerOptions()
            .setTimeout(callTimeoutMillis)
            .setMaxFailures(settings.breakerFailures())
            .setResetTimeout(settings.breakerReset().toMillis())
            .setMaxRetries(settings.maxRetries())
            .setFallbackOnFailure(true)
            // No library metrics: they are kept per call and published on the bus every 2 s; the
            // counts in BreakerStats are what health and metrics read.
            .setNotificationAddress(null))
        .retryPolicy(RetryPolicy.exponentialDelayWithJitter(settings.backoffInitial().toMillis(),
            settings.backoffMax().toMillis()))
        .openHandler(v -> {
          stateChanges.incrementAndGet();
          log.warn("payment provider circuit open: no calls for {}ms", settings.breakerReset().toMillis());
        })
        .halfOpenHandler(v -> changed("half-open: one trial call"))
        .closeHandler(v -> changed("closed"));
    Gauge.builder("payment.breaker.state", breaker, b -> stateValue(b.state()))
        .description("The payment provider's circuit: 0 closed, 1 half-open, 2 open")
        .strongReference(true).register(meters);
  }

  private static double stateValue(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  private void changed(String state) {
    stateChanges.incrementAndGet();
    log.info("payment provider circuit {}", state);
  }

  public BreakerStats stats() {
    Map<String, Long> counts = new TreeMap<>();
    outcomes.forEach((outcome, count) -> counts.put(outcome, (long) count.count()));
    return new BreakerStats(breaker.state().name(), stateChanges.get(), counts);
  }

  @Override
  public Future<ProviderOutcome> charge(String key, Money amount, String token) {
    JsonObject body = new JsonObject().put("amount", amount(amount)).put("token", token);
    return counted(breaker.<ProviderOutcome>executeWithFallback(
        () -> post("/charges", key, body).compose(ProviderClient::chargeOutcome), ProviderClient::unavailable));
  }

  @Override
  public Future<RefundOutcome> refund(String key, String chargeKey, Money amount) {
    JsonObject body = new JsonObject().put("charge", chargeKey).put("amount", amount(amount));
    return counted(breaker.<RefundOutcome>executeWithFallback(
        () -> post("/refunds", key, body).compose(ProviderClient::refundOutcome), ProviderClient::unavailable));
  }

  private Future<HttpResponse<Buffer>> post(String path, String key, JsonObject body) {
    return client.postAbs(baseUrl.get() + path).putHeader(IDEMPOTENCY_KEY, key).timeout(callTimeoutMillis)
        .sendJsonObject(body);
  }

  private static Future<ProviderOutcome> chargeOutcome(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      return Future.succeededFuture(new ProviderOutcome.Authorized(response.bodyAsJsonObject().getString("id")));
    }
    if (retryable(status)) {
      return Future.failedFuture(new ProviderFailure(response));
    }
    return Future.succeededFuture(new ProviderOutcome.Declined(detail(response)));
  }

  private static Future<RefundOutcome> refundOutcome(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      JsonObject refund = response.bodyAsJsonObject();
      JsonObject amount = refund.getJsonObject("amount");
      return Future.succeededFuture(new RefundOutcome.Refunded(refund.getString("id"),
          new Money(amount.getLong("minor"), amount.getString("currency"))));
    }
    if (status == 409 || status == 404 && "/problems/charge-not-found".equals(problemType(response))) {
      return Future.succeededFuture(new RefundOutcome.NotCharged(detail(response)));
    }
    if (retryable(status)) {
      return Future.failedFuture(new ProviderFailure(response));
    }
    return Future.succeededFuture(new RefundOutcome.Rejected(status + " " + detail(response)));
  }

  // A write to a wrong address (404) is a configuration fault, not the provider's answer: it must
  // not decline the customer's payment, so it counts as a failure like a 5xx.
  private static boolean retryable(int status) {
    return status >= 500 || status == 404 || status == 408 || status == 429;
  }

  private static ProviderUnavailable unavailable(Throwable failure) {
    if (failure instanceof OpenCircuitException) {
      return new ProviderUnavailable("circuit open: the provider failed repeatedly");
    }
    return new ProviderUnavailable(failure instanceof ProviderFailure ? failure.getMessage() : failure.toString());
  }

  private <T> Future<T> counted(Future<T> outcome) {
    // The outcome's type names a few fixed values (Authorized, Declined, ProviderUnavailable, …).
    return outcome.onSuccess(result -> outcomes.computeIfAbsent(result.getClass().getSimpleName(),
        name -> Counter.builder("payment.provider.calls").description("Calls to the payment provider by outcome")
            .tag("outcome", name).register(meters)).increment());
  }

  private static JsonObject amount(Money amount) {
    return new JsonObject().put("minor", amount.minor()).put("currency", amount.currency());
  }

  private static String problemType(HttpResponse<Buffer> response) {
    JsonObject problem = problem(response);
    return problem == null ? null : problem.getString("type");
  }

  private static String detail(HttpResponse<Buffer> response) {
    JsonObject problem = problem(response);
    String detail = problem == null ? null : problem.getString("detail");
    return detail != null ? detail : "HTTP " + response.statusCode();
  }

  private static JsonObject problem(HttpResponse<Buffer> response) {
    try {
      return response.body() == null ? null : response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A response that is no answer (5xx and the like): retried, then counted against the circuit. */
  private static final class ProviderFailure extends RuntimeException {
    ProviderFailure(HttpResponse<Buffer> response) {
      super("HTTP " + response.statusCode() + ": " + detail(response), null, false, false);
    }
  }
}
