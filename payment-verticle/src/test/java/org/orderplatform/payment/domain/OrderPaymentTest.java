package org.orderplatform.payment.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent.PaymentRequested;
import org.orderplatform.events.OrderEvent.RefundRequested;
import org.orderplatform.events.PaymentEvent;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("an order's payment decisions")
class OrderPaymentTest {

  private static final UUID ORDER = UUID.randomUUID();
  private static final UUID PAYMENT = UUID.randomUUID();
  private static final PaymentRequested CHARGE = new PaymentRequested(ORDER, PAYMENT, eur(1_000), "tok_visa");

  private static Money eur(long minor) {
    return new Money(minor, "EUR");
  }

  private static RefundRequested refund(Money amount) {
    return new RefundRequested(ORDER, PAYMENT, amount, "cancelled");
  }

  private static OrderPayment fresh() {
    return new OrderPayment(ORDER, null, null);
  }

  @Test
  @DisplayName("a first request asks the provider by the order id; an authorised one is answered again without a call")
  void chargeOnce() {
    Decision first = fresh().decide(CHARGE);
    assertThat(first).isEqualTo(new Decision.Charge(ORDER.toString(), eur(1_000), "tok_visa"));

    Step authorized = fresh().charged(CHARGE, new ProviderOutcome.Authorized("ch_1"));
    Decision again = authorized.state().decide(CHARGE);

    assertThat(again).isEqualTo(new Decision.Answer(new Step(authorized.state(),
        new PaymentEvent.PaymentAuthorized(ORDER, PAYMENT, eur(1_000), "ch_1"))));
  }

  @Test
  @DisplayName("an unavailable provider leaves the charge open: the next request asks the provider again")
  void unavailableAsksAgain() {
    Step unavailable = fresh().charged(CHARGE, new ProviderUnavailable("timeout"));

    assertThat(unavailable.answer()).isEqualTo(new PaymentEvent.PaymentUnavailable(ORDER, PAYMENT, "timeout"));
    assertThat(unavailable.state().decide(CHARGE)).isInstanceOf(Decision.Charge.class);
  }

  @Test
  @DisplayName("a refund gives back at most what was charged, by the refund key")
  void refundCapped() {
    OrderPayment charged = fresh().charged(CHARGE, new ProviderOutcome.Authorized("ch_1")).state();

    assertThat(charged.decide(refund(eur(5_000))))
        .isEqualTo(new Decision.RefundCharge(ORDER + ":refund", ORDER.toString(), eur(1_000)));
    assertThat(charged.decide(refund(eur(400))))
        .isEqualTo(new Decision.RefundCharge(ORDER + ":refund", ORDER.toString(), eur(400)));
  }

  @Test
  @DisplayName("a refund of a charge never asked for or declined refunds 0 without a call; a refund is answered once")
  void refundOfNothing() {
    OrderPayment declined = fresh().charged(CHARGE, new ProviderOutcome.Declined("card declined")).state();

    for (OrderPayment state : new OrderPayment[] {fresh(), declined}) {
      Decision decision = state.decide(refund(eur(1_000)));
      assertThat(decision).isInstanceOf(Decision.Answer.class);
      Step step = ((Decision.Answer) decision).step();
      assertThat(step.answer()).isEqualTo(new PaymentEvent.PaymentRefunded(ORDER, PAYMENT, eur(0)));
      assertThat(step.state().decide(refund(eur(1_000)))).isEqualTo(new Decision.Answer(step));
    }
  }

  @Test
  @DisplayName("a charge whose answer was lost may exist, so its refund asks the provider")
  void refundAfterLostReply() {
    OrderPayment unknown = fresh().charged(CHARGE, new ProviderUnavailable("timeout")).state();

    assertThat(unknown.decide(refund(eur(1_000)))).isInstanceOf(Decision.RefundCharge.class);
    Step notCharged = unknown.refunded(refund(eur(1_000)), new RefundOutcome.NotCharged("no charge"));
    assertThat(notCharged.answer()).isEqualTo(new PaymentEvent.PaymentRefunded(ORDER, PAYMENT, eur(0)));
  }
}
