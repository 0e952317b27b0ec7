package org.orderplatform.order.domain;

import org.orderplatform.events.Event;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.PaymentEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order saga, an orchestrator: placed → stock reserved → payment requested → authorised →
 * CONFIRMED, with compensation when a step fails or passes its deadline. Pure: the state is the
 * order's fold, the inputs are the participants' replies and the stored deadlines, the outputs
 * are the order's next events. Every reaction is idempotent: a reply the order has moved past
 * changes nothing, except a charge it must not keep, which is refunded once.
 */
public final class OrderSaga {

  static final String AUTHORISED_TOO_LATE = "payment authorised after the order was cancelled";
  static final String PAYMENT_TIMED_OUT = "payment not authorised in time";

  /**
   * What a decision needs besides the state.
   *
   * @param now              when the decision is made
   * @param newPaymentId     the id a first payment request takes
   * @param paymentDeadline  how long the payment step may take before the order is compensated
   * @param retryFirst       the wait before the first new payment request after an unavailable provider
   * @param retryMax         the longest such wait (the wait doubles per attempt)
   */
  public record Context(Instant now, UUID newPaymentId, Duration paymentDeadline, Duration retryFirst,
                        Duration retryMax) {
  }

  private OrderSaga() {
  }

  /** The saga's answer to a participant's reply. */
  public static Reaction react(OrderState order, Event reply, Context context) {
    if (reply instanceof InventoryEvent.StockReserved) {
      return onReserved(order, context);
    }
    if (reply instanceof InventoryEvent.StockRejected rejected) {
      return order.status() == OrderStatus.PLACED
          ? Reaction.events(Orders.rejection(order, rejected.rejectedLines())) : Reaction.NONE;
    }
    if (reply instanceof InventoryEvent.StockReleased) {
      return order.status() == OrderStatus.CANCELLING
          ? Reaction.events(new OrderEvent.OrderCancelled(order.orderId(), order.reason())) : Reaction.NONE;
    }
    if (reply instanceof PaymentEvent.PaymentAuthorized authorized) {
      return onAuthorized(order, authorized);
    }
    if (reply instanceof PaymentEvent.PaymentDeclined declined) {
      return awaitingPayment(order)
          ? compensate(order, "payment declined: " + declined.reason()) : Reaction.NONE;
    }
    if (reply instanceof PaymentEvent.PaymentUnavailable) {
      return awaitingPayment(order) ? Reaction.NONE.scheduling(
          new Deadline(order.orderId(), Deadline.Kind.PAYMENT_RETRY, context.now().plus(retryWait(order, context))))
          : Reaction.NONE;
    }
    if (reply instanceof PaymentEvent.PaymentRefunded refunded) {
      return order.refunded() ? Reaction.NONE
          : Reaction.events(new OrderEvent.OrderRefunded(order.orderId(), refunded.paymentId(), refunded.amount()));
    }
    return Reaction.NONE;
  }

  /** The saga's answer to one of its stored deadlines falling due. */
  public static Reaction onDeadline(OrderState order, Deadline.Kind kind) {
    if (!awaitingPayment(order)) {
      return Reaction.NONE;
    }
    if (kind == Deadline.Kind.PAYMENT_RETRY) {
      return Reaction.events(paymentRequest(order, order.paymentId()));
    }
    // A charge may have landed with its answer lost (a timeout at the provider): the refund covers
    // it, and the payment service refunds nothing when the provider holds no charge.
    Reaction release = compensate(order, PAYMENT_TIMED_OUT);
    return new Reaction(List.of(new OrderEvent.OrderStepTimedOut(order.orderId(), "payment"),
        release.events().get(0),
        new OrderEvent.RefundRequested(order.orderId(), order.paymentId(), order.total(), PAYMENT_TIMED_OUT)),
        release.schedule(), release.cancel());
  }

  private static Reaction onReserved(OrderState order, Context context) {
    if (order.status() == OrderStatus.PLACED) {
      return Reaction.events(new OrderEvent.OrderReserved(order.orderId()), paymentRequest(order, context.newPaymentId()))
          .scheduling(new Deadline(order.orderId(), Deadline.Kind.PAYMENT, context.now().plus(context.paymentDeadline())));
    }
    // Reserved for an order already being cancelled: give the stock straight back.
    return order.status() == OrderStatus.CANCELLING
        ? Reaction.events(new OrderEvent.StockReleaseRequested(order.orderId(), order.reason())) : Reaction.NONE;
  }

  private static Reaction onAuthorized(OrderState order, PaymentEvent.PaymentAuthorized authorized) {
    if (awaitingPayment(order)) {
      return Reaction.events(new OrderEvent.OrderConfirmed(order.orderId()))
          .cancelling(Deadline.Kind.PAYMENT, Deadline.Kind.PAYMENT_RETRY);
    }
    boolean keeps = order.status() == OrderStatus.CONFIRMED || order.status() == OrderStatus.COMPLETED;
    if (keeps || order.refundRequested()) {
      return Reaction.NONE;
    }
    // A charge that lands after the order gave up on it: the customer gets it back.
    return Reaction.events(new OrderEvent.RefundRequested(order.orderId(), authorized.paymentId(), authorized.amount(),
        AUTHORISED_TOO_LATE));
  }

  private static Reaction compensate(OrderState order, String reason) {
    return Reaction.events(new OrderEvent.StockReleaseRequested(order.orderId(), reason))
        .cancelling(Deadline.Kind.PAYMENT, Deadline.Kind.PAYMENT_RETRY);
  }

  private static OrderEvent.PaymentRequested paymentRequest(OrderState order, UUID paymentId) {
    return new OrderEvent.PaymentRequested(order.orderId(), paymentId, order.total(), order.paymentToken());
  }

  private static boolean awaitingPayment(OrderState order) {
    return order.status() == OrderStatus.PAYMENT_REQUESTED;
  }

  /** Doubles per attempt made, from {@code retryFirst} up to {@code retryMax}. */
  static Duration retryWait(OrderState order, Context context) {
    int doublings = Math.min(Math.max(order.paymentAttempts() - 1, 0), 20);
    Duration wait = context.retryFirst().multipliedBy(1L << doublings);
    return wait.compareTo(context.retryMax()) > 0 ? context.retryMax() : wait;
  }
}
