package org.orderplatform.payment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.payment.provider.BreakerStats;
import org.orderplatform.payment.simulator.ProviderSimulatorModule;
import org.orderplatform.runtime.testing.ServiceHarness;
import org.orderplatform.runtime.testing.ServiceHarness.Hosting;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.payment.Payments.answers;
import static org.orderplatform.payment.Payments.calls;
import static org.orderplatform.payment.Payments.requested;

/** The circuit in front of the provider, counted from the provider's side. */
class CircuitBreakerTest {

  private static final Duration RESET = Duration.ofSeconds(1);

  private final AtomicReference<PaymentModule> payment = new AtomicReference<>();
  private ServiceHarness service;

  @BeforeEach
  void start() {
    service = ServiceHarness.start(Map.of("PAYMENT_CALL_TIMEOUT", "300ms", "PAYMENT_MAX_RETRIES", "0",
            "PAYMENT_BREAKER_FAILURES", "2", "PAYMENT_BREAKER_RESET", RESET.toMillis() + "ms"),
        new Hosting(PaymentModule.SCHEMA, context -> {
          payment.set(new PaymentModule(context));
          return payment.get();
        }),
        new Hosting(ProviderSimulatorModule.SCHEMA, ProviderSimulatorModule::new));
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  private String charge(UUID orderId) {
    await(service.deliver(PaymentModule.GROUP, requested(orderId, 1_000, "tok_visa")));
    return answers(service, orderId).get(answers(service, orderId).size() - 1);
  }

  @Test
  @DisplayName("the circuit opens after the threshold, the provider gets no call until the reset timeout, and a good trial call closes it")
  void opensThenCloses() {
    Payments.outage(service, true);
    assertThat(charge(UUID.randomUUID())).isEqualTo("payment.unavailable");
    assertThat(payment.get().breakerStats().state()).isEqualTo("CLOSED");
    assertThat(charge(UUID.randomUUID())).isEqualTo("payment.unavailable");
    assertThat(payment.get().breakerStats().state()).isEqualTo("OPEN");
    long callsWhenOpened = calls(service, "charges");
    Payments.outage(service, false);

    // Open: answered at once, without a call, although the provider is back.
    long opened = System.nanoTime();
    assertThat(charge(UUID.randomUUID())).isEqualTo("payment.unavailable");
    assertThat(calls(service, "charges")).isEqualTo(callsWhenOpened);
    assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(RESET);

    Awaiting.eventually(() -> payment.get().breakerStats().state(), "HALF_OPEN"::equals, "the circuit half-open");
    assertThat(charge(UUID.randomUUID())).isEqualTo("payment.authorized");
    assertThat(calls(service, "charges")).isEqualTo(callsWhenOpened + 1);
    BreakerStats stats = payment.get().breakerStats();
    assertThat(stats.state()).isEqualTo("CLOSED");
    assertThat(stats.stateChanges()).isEqualTo(3);
    assertThat(stats.calls("ProviderUnavailable")).isEqualTo(3);
    assertThat(stats.calls("Authorized")).isEqualTo(1);
  }

  @Test
  @DisplayName("a failed trial call opens the circuit again for another reset timeout")
  void failedTrialOpensAgain() {
    Payments.outage(service, true);
    charge(UUID.randomUUID());
    charge(UUID.randomUUID());
    Awaiting.eventually(() -> payment.get().breakerStats().state(), "HALF_OPEN"::equals, "the circuit half-open");
    long before = calls(service, "charges");

    assertThat(charge(UUID.randomUUID())).isEqualTo("payment.unavailable");

    assertThat(calls(service, "charges")).isEqualTo(before + 1);
    assertThat(payment.get().breakerStats().state()).isEqualTo("OPEN");
    assertThat(charge(UUID.randomUUID())).isEqualTo("payment.unavailable");
    assertThat(calls(service, "charges")).isEqualTo(before + 1);
  }

  @Test
  @DisplayName("declines do not count towards opening the circuit")
  void declinesDoNotOpen() {
    long before = calls(service, "charges");
    for (int i = 0; i < 3; i++) {
      await(service.deliver(PaymentModule.GROUP, requested(UUID.randomUUID(), 1_000, "tok_decline")));
    }

    assertThat(calls(service, "charges")).isEqualTo(before + 3);
    assertThat(payment.get().breakerStats().state()).isEqualTo("CLOSED");
    assertThat(payment.get().breakerStats().calls("Declined")).isEqualTo(3);
  }
}
