package org.orderplatform.payment.domain;

import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent.PaymentRequested;
import org.orderplatform.events.OrderEvent.RefundRequested;
import org.orderplatform.events.PaymentEvent;

import java.util.UUID;

/**
 * One order's charge and refund, and the decisions on requests about them. The order id is the
 * provider's idempotency key for the charge, {@code <orderId>:refund} for the refund, so asking
 * the provider again never takes a second charge or refund.
 *
 * <p>Refunds give back only what was charged: nothing when the charge was never asked for or was
 * declined (answered at once, without the provider, with {@code PaymentRefunded} of 0), at most the
 * charged amount otherwise. A charge whose answer was lost ({@code REQUESTED}, {@code UNAVAILABLE})
 * may exist at the provider, so its refund asks the provider, which says whether there is one.
 *
 * @param payment null when no charge was ever asked for
 * @param refund  null until a refund was answered
 */
public record OrderPayment(UUID orderId, Payment payment, Refund refund) {

  public String chargeKey() {
    return orderId.toString();
  }

  public String refundKey() {
    return orderId + ":refund";
  }

  /** A repeated request is answered as before; a charge not known to be decided asks the provider (again). */
  public Decision decide(PaymentRequested request) {
    if (refund != null) {
      return answer(this, new PaymentEvent.PaymentDeclined(orderId, request.paymentId(), "the payment was refunded"));
    }
    Payment current = payment != null ? payment : new Payment(request.paymentId(), request.amount(),
        request.paymentToken(), PaymentStatus.REQUESTED, null, null);
    return switch (current.status()) {
      case AUTHORIZED -> answer(this, new PaymentEvent.PaymentAuthorized(orderId, request.paymentId(),
          current.amount(), current.providerReference()));
      case DECLINED -> answer(this, new PaymentEvent.PaymentDeclined(orderId, request.paymentId(), current.reason()));
      case REQUESTED, UNAVAILABLE -> new Decision.Charge(chargeKey(), current.amount(), current.token());
    };
  }

  public Step charged(PaymentRequested request, ProviderOutcome outcome) {
    Payment current = payment != null ? payment : new Payment(request.paymentId(), request.amount(),
        request.paymentToken(), PaymentStatus.REQUESTED, null, null);
    if (outcome instanceof ProviderOutcome.Authorized authorized) {
      return new Step(withPayment(current.with(PaymentStatus.AUTHORIZED, authorized.reference(), null)),
          new PaymentEvent.PaymentAuthorized(orderId, request.paymentId(), current.amount(), authorized.reference()));
    }
    if (outcome instanceof ProviderOutcome.Declined declined) {
      return new Step(withPayment(current.with(PaymentStatus.DECLINED, null, declined.reason())),
          new PaymentEvent.PaymentDeclined(orderId, request.paymentId(), declined.reason()));
    }
    String reason = ((ProviderUnavailable) outcome).reason();
    return new Step(withPayment(current.with(PaymentStatus.UNAVAILABLE, null, reason)),
        new PaymentEvent.PaymentUnavailable(orderId, request.paymentId(), reason));
  }

  public Decision decide(RefundRequested request) {
    if (refund != null) {
      return answer(this, new PaymentEvent.PaymentRefunded(orderId, request.paymentId(), refund.amount()));
    }
    if (payment == null || payment.status() == PaymentStatus.DECLINED) {
      return nothingCharged(request, payment == null ? "no charge was asked for" : "the charge was declined");
    }
    Money charged = payment.amount();
    Money asked = request.amount();
    Money amount = asked.currency().equals(charged.currency()) && asked.minor() < charged.minor() ? asked : charged;
    if (amount.minor() == 0) {
      return nothingCharged(request, "nothing to refund");
    }
    return new Decision.RefundCharge(refundKey(), chargeKey(), amount);
  }

  public Step refunded(RefundRequested request, RefundOutcome.Settled outcome) {
    if (outcome instanceof RefundOutcome.Refunded refunded) {
      Refund done = new Refund(request.paymentId(), refunded.amount(), refunded.reference(), request.reason());
      return new Step(new OrderPayment(orderId, payment, done),
          new PaymentEvent.PaymentRefunded(orderId, request.paymentId(), refunded.amount()));
    }
    return ((Decision.Answer) nothingCharged(request, ((RefundOutcome.NotCharged) outcome).reason())).step();
  }

  private Decision nothingCharged(RefundRequested request, String why) {
    Money zero = Money.zero(payment != null ? payment.amount().currency() : request.amount().currency());
    Refund none = new Refund(request.paymentId(), zero, null, "nothing charged: " + why);
    return answer(new OrderPayment(orderId, payment, none),
        new PaymentEvent.PaymentRefunded(orderId, request.paymentId(), zero));
  }

  private OrderPayment withPayment(Payment changed) {
    return new OrderPayment(orderId, changed, refund);
  }

  private static Decision answer(OrderPayment state, PaymentEvent event) {
    return new Decision.Answer(new Step(state, event));
  }
}
