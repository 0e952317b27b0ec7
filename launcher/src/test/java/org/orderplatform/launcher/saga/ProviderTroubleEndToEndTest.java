package org.orderplatform.launcher.saga;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saga when the payment provider is down or slow: it keeps asking until the payment deadline,
 * then compensates, and a charge that landed with its answer lost is refunded once.
 */
@DisplayName("the order saga when the payment provider is in trouble")
class ProviderTroubleEndToEndTest {

  private static final Map<String, String> FAST = Map.of("PAYMENT_DEADLINE", "2s", "PAYMENT_CALL_TIMEOUT", "300ms",
      "PAYMENT_MAX_RETRIES", "1", "PAYMENT_BACKOFF_INITIAL", "50ms", "PAYMENT_BACKOFF_MAX", "100ms",
      "PAYMENT_BREAKER_FAILURES", "3", "PAYMENT_BREAKER_RESET", "500ms", "PAYMENT_RETRY_FIRST", "200ms",
      "PAYMENT_RETRY_MAX", "400ms", "DEADLINE_SCAN_INTERVAL", "50ms");

  private SagaHarness platform;

  @BeforeEach
  void start() {
    platform = SagaHarness.start(FAST);
    platform.product("TEA-1", 100);
  }

  @AfterEach
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @DisplayName("an outage past the payment deadline is retried, then compensated: CANCELLED, stock back, nothing charged")
  void outagePastTheDeadline() {
    platform.simulator("outage", new JsonObject().put("enabled", true));

    UUID order = platform.place("TEA-1", 4, null);
    JsonObject cancelled = platform.awaitStatus(order, "CANCELLED");

    assertThat(cancelled.getString("reason")).isEqualTo("payment not authorised in time");
    assertThat(platform.history(order)).filteredOn("payment.unavailable"::equals).hasSizeGreaterThanOrEqualTo(2);
    assertThat(platform.history(order)).filteredOn("order.payment-requested"::equals).hasSizeGreaterThanOrEqualTo(2);
    assertThat(platform.history(order)).containsSubsequence("order.step-timed-out", "order.stock-release-requested",
        "order.refund-requested", "inventory.stock-released", "order.cancelled");
    assertThat(platform.reserved("TEA-1")).isZero();
    assertThat(platform.onHand("TEA-1")).isEqualTo(100);
    assertThat(platform.charges(order)).isZero();
  }

  @Test
  @DisplayName("a charge whose answer is lost past the deadline is refunded once: one charge, one refund in the provider's ledger")
  void lostAnswerPastTheDeadline() {
    // The provider charges, then answers after the client gave up: every attempt's answer is lost.
    platform.simulator("latency", new JsonObject().put("latency", "2500ms"));

    UUID order = platform.place("TEA-1", 1, null);
    platform.awaitStatus(order, "CANCELLED");
    platform.simulator("latency", new JsonObject().put("latency", "0ms"));

    JsonObject refunded = org.orderplatform.messaging.testing.Awaiting.eventually(
        () -> platform.service.get("/orders/" + order).bodyAsJsonObject(), o -> o.getBoolean("refunded"),
        "the refund recorded");
    assertThat(refunded.getString("status")).isEqualTo("CANCELLED");
    assertThat(platform.charges(order)).isEqualTo(1);
    assertThat(platform.refunds(order)).isEqualTo(1);
    assertThat(platform.history(order)).filteredOn("order.refund-requested"::equals).hasSize(1);
    assertThat(platform.reserved("TEA-1")).isZero();
  }
}
