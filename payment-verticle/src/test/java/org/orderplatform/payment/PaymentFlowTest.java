package org.orderplatform.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.payment.simulator.ProviderSimulatorModule;
import org.orderplatform.runtime.testing.ServiceHarness;
import org.orderplatform.runtime.testing.ServiceHarness.Hosting;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.payment.Payments.answers;
import static org.orderplatform.payment.Payments.assertProblem;
import static org.orderplatform.payment.Payments.calls;
import static org.orderplatform.payment.Payments.lastAnswer;
import static org.orderplatform.payment.Payments.ledgerCharges;
import static org.orderplatform.payment.Payments.refundRequested;
import static org.orderplatform.payment.Payments.requested;

/**
 * The payment service and the provider simulator in one JVM, as the launcher runs them by default:
 * requests reach the service over the bus, the service reaches the provider over real HTTP.
 */
class PaymentFlowTest {

  private static final int RETRIES = 2;

  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    // Short timeouts keep the retries quick; the circuit is out of the way (see CircuitBreakerTest).
    service = ServiceHarness.start(Map.of("PAYMENT_CALL_TIMEOUT", "300ms", "PAYMENT_MAX_RETRIES", "" + RETRIES,
            "PAYMENT_BACKOFF_INITIAL", "10ms", "PAYMENT_BACKOFF_MAX", "40ms", "PAYMENT_BREAKER_FAILURES", "1000",
            "PROVIDER_DECLINE_ABOVE", "100000"),
        new Hosting(PaymentModule.SCHEMA, PaymentModule::new),
        new Hosting(ProviderSimulatorModule.SCHEMA, ProviderSimulatorModule::new));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @BeforeEach
  void healthyProvider() {
    Payments.outage(service, false);
    Payments.latency(service, "0ms");
  }

  private static void deliver(Envelope<OrderEvent> request) {
    await(service.deliver(PaymentModule.GROUP, request));
  }

  @Test
  @DisplayName("a PaymentRequested appended to the log is charged and answered with PaymentAuthorized in the same flow")
  void authorisedThroughTheLog() {
    UUID orderId = UUID.randomUUID();
    Envelope<OrderEvent> request = requested(orderId, 2_500, "tok_visa");

    service.append(request);

    Awaiting.eventually(() -> answers(service, orderId), a -> !a.isEmpty(), "an answer");
    JsonObject answer = lastAnswer(service, orderId);
    String chargeId = service.row("select charge_id from payment_provider.charges where idempotency_key = $1",
        orderId.toString()).getString("charge_id");
    assertThat(answers(service, orderId)).containsExactly("payment.authorized");
    assertThat(answer.getString("providerReference")).isEqualTo(chargeId);
    assertThat(answer.getJsonObject("amount").getLong("minor")).isEqualTo(2_500);
    assertThat(answer.getJsonObject("_headers").getString("correlationId")).isEqualTo(request.correlationId().toString());
    assertThat(answer.getJsonObject("_headers").getString("causationId")).isEqualTo(request.eventId().toString());
    JsonObject view = service.get("/payments/" + orderId).bodyAsJsonObject();
    assertThat(view.getString("status")).isEqualTo("authorized");
    assertThat(view.getString("providerReference")).isEqualTo(chargeId);
  }

  @Test
  @DisplayName("the same PaymentRequested delivered twice at once, and again later, charges once and answers once")
  void duplicateDeliveryChargesOnce() {
    UUID orderId = UUID.randomUUID();
    Envelope<OrderEvent> request = requested(orderId, 1_000, "tok_visa");

    await(Future.all(service.deliver(PaymentModule.GROUP, request), service.deliver(PaymentModule.GROUP, request)));
    long callsAfterBoth = calls(service, "charges");
    deliver(request);

    assertThat(ledgerCharges(service, orderId)).isEqualTo(1);
    assertThat(answers(service, orderId)).containsExactly("payment.authorized");
    assertThat(calls(service, "charges")).as("the late duplicate calls nobody").isEqualTo(callsAfterBoth);
  }

  @Test
  @DisplayName("two PaymentRequested events for one order charge once; the second is answered from the first charge")
  void secondRequestChargesOnce() {
    UUID orderId = UUID.randomUUID();
    deliver(requested(orderId, 1_000, "tok_visa"));
    long calls = calls(service, "charges");

    deliver(requested(orderId, 1_000, "tok_visa"));

    assertThat(ledgerCharges(service, orderId)).isEqualTo(1);
    assertThat(calls(service, "charges")).isEqualTo(calls);
    assertThat(answers(service, orderId)).containsExactly("payment.authorized", "payment.authorized");
  }

  @Test
  @DisplayName("a decline by token and one by amount are answered with PaymentDeclined after exactly one call each")
  void declinesAreNotRetried() {
    UUID byToken = UUID.randomUUID();
    UUID byAmount = UUID.randomUUID();
    long before = calls(service, "charges");

    deliver(requested(byToken, 1_000, "tok_decline"));
    deliver(requested(byAmount, 100_001, "tok_visa"));

    assertThat(calls(service, "charges") - before).isEqualTo(2);
    assertThat(answers(service, byToken)).containsExactly("payment.declined");
    assertThat(lastAnswer(service, byToken).getString("reason")).isEqualTo("card declined");
    assertThat(answers(service, byAmount)).containsExactly("payment.declined");
    assertThat(lastAnswer(service, byAmount).getString("reason")).contains("above the limit");
    assertThat(service.get("/payments/" + byToken).bodyAsJsonObject().getString("status")).isEqualTo("declined");
  }

  @Test
  @DisplayName("a provider failing with 5xx is retried with backoff, then answered PaymentUnavailable, without an exception")
  void failuresAreRetriedThenUnavailable() {
    UUID orderId = UUID.randomUUID();
    long before = calls(service, "charges");

    deliver(requested(orderId, 1_000, "tok_fail"));

    assertThat(calls(service, "charges") - before).isEqualTo(RETRIES + 1);
    assertThat(answers(service, orderId)).containsExactly("payment.unavailable");
    assertThat(lastAnswer(service, orderId).getString("reason")).contains("503");
    assertThat(service.count("select count(*) from eventlog.dead_letters")).isZero();
  }

  @Test
  @DisplayName("during an outage the request is answered PaymentUnavailable after the retries; once it is over, the saga's new request is charged")
  void outageThenRecovery() {
    UUID orderId = UUID.randomUUID();
    Payments.outage(service, true);
    long before = calls(service, "charges");

    deliver(requested(orderId, 1_000, "tok_visa"));

    assertThat(calls(service, "charges") - before).isEqualTo(RETRIES + 1);
    assertThat(answers(service, orderId)).containsExactly("payment.unavailable");
    assertThat(service.get("/payments/" + orderId).bodyAsJsonObject().getString("status")).isEqualTo("unavailable");
    Payments.outage(service, false);
    deliver(requested(orderId, 1_000, "tok_visa"));
    assertThat(answers(service, orderId)).containsExactly("payment.unavailable", "payment.authorized");
  }

  @Test
  @DisplayName("a reply lost after the provider charged, then asked again, leaves exactly one charge and ends authorised")
  void lostReplyChargesOnce() {
    UUID orderId = UUID.randomUUID();
    // Replies come after the client gave up: every attempt charges (by the same key) and times out.
    Payments.latency(service, "500ms");

    deliver(requested(orderId, 1_000, "tok_visa"));

    assertThat(answers(service, orderId)).containsExactly("payment.unavailable");
    assertThat(ledgerCharges(service, orderId)).isEqualTo(1);
    Payments.latency(service, "0ms");
    deliver(requested(orderId, 1_000, "tok_visa"));
    assertThat(answers(service, orderId)).containsExactly("payment.unavailable", "payment.authorized");
    assertThat(ledgerCharges(service, orderId)).isEqualTo(1);
    assertThat(lastAnswer(service, orderId).getString("providerReference")).isEqualTo(service.row(
        "select charge_id from payment_provider.charges where idempotency_key = $1", orderId.toString())
        .getString("charge_id"));
  }

  @Test
  @DisplayName("a refund delivered twice, and asked again, refunds once at the provider and answers with the charged amount")
  void refundOnce() {
    UUID orderId = UUID.randomUUID();
    deliver(requested(orderId, 1_500, "tok_visa"));
    Envelope<OrderEvent> refund = refundRequested(orderId, 1_500);

    await(Future.all(service.deliver(PaymentModule.GROUP, refund), service.deliver(PaymentModule.GROUP, refund)));
    long refundCalls = calls(service, "refunds");
    deliver(refundRequested(orderId, 1_500));

    assertThat(service.count("select count(*) from payment_provider.refunds where charge_key = $1", orderId.toString()))
        .isEqualTo(1);
    assertThat(calls(service, "refunds")).isEqualTo(refundCalls);
    assertThat(answers(service, orderId)).containsExactly("payment.authorized", "payment.refunded", "payment.refunded");
    assertThat(lastAnswer(service, orderId).getJsonObject("amount").getLong("minor")).isEqualTo(1_500);
    JsonObject view = service.get("/payments/" + orderId).bodyAsJsonObject();
    assertThat(view.getJsonObject("refund").getJsonObject("amount").getLong("minor")).isEqualTo(1_500);
  }

  @Test
  @DisplayName("a refund of an order never charged is answered with 0 refunded, without calling the provider")
  void refundOfNothing() {
    UUID neverAsked = UUID.randomUUID();
    UUID declined = UUID.randomUUID();
    deliver(requested(declined, 1_000, "tok_decline"));
    long before = calls(service, "refunds");

    deliver(refundRequested(neverAsked, 1_000));
    deliver(refundRequested(declined, 1_000));

    assertThat(calls(service, "refunds")).isEqualTo(before);
    assertThat(lastAnswer(service, neverAsked).getJsonObject("amount").getLong("minor")).isZero();
    assertThat(lastAnswer(service, declined).getJsonObject("amount").getLong("minor")).isZero();
    assertThat(service.get("/payments/" + neverAsked).bodyAsJsonObject().getString("status")).isEqualTo("not-requested");
  }

  @Test
  @DisplayName("a refund the provider cannot take now fails the delivery, so it is retried, and is done once the provider is back")
  void refundIsNeverDropped() {
    UUID orderId = UUID.randomUUID();
    deliver(requested(orderId, 800, "tok_visa"));
    Payments.outage(service, true);
    Envelope<OrderEvent> refund = refundRequested(orderId, 800);

    var failed = Awaiting.await(service.deliver(PaymentModule.GROUP, refund).transform(Future::succeededFuture));

    assertThat(failed.failed()).isTrue();
    assertThat(failed.cause().getMessage()).contains("refund of order " + orderId + " not done");
    assertThat(answers(service, orderId)).containsExactly("payment.authorized");
    Payments.outage(service, false);
    deliver(refund);
    assertThat(answers(service, orderId)).containsExactly("payment.authorized", "payment.refunded");
  }

  @Test
  @DisplayName("GET /payments of an unknown order or of something that is no order id is a 404 problem")
  void unknownPayment() {
    assertProblem(service.get("/payments/" + UUID.randomUUID()), 404, "not-found");
    assertProblem(service.get("/payments/not-an-id"), 404, "not-found");
  }

  @Test
  @DisplayName("many orders through the log in batches are each charged once and answered once")
  void manyOrdersInBatches() {
    List<UUID> orders = java.util.stream.IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
    service.appendAll(orders.stream().map(id -> requested(id, 100, "tok_visa")).toList());

    Awaiting.eventually(() -> service.count("select count(*) from eventlog.events where type = 'payment.authorized'"
        + " and aggregate_id = any($1)", (Object) orders.stream().map(UUID::toString).toArray(String[]::new)),
        n -> n == orders.size(), "every order authorised");
    assertThat(service.count("select count(*) from payment_provider.charges where idempotency_key = any($1)",
        (Object) orders.stream().map(UUID::toString).toArray(String[]::new))).isEqualTo(orders.size());
  }
}
