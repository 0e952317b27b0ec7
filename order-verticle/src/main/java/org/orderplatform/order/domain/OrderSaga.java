package org.orderplatform.order.domain;

import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.PaymentEvent;
import org.orderplatform.events.StockLine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The order saga, an orchestrator: placed → stock reserved → payment requested → authorised →
 * CONFIRMED → shipment scheduled → dispatched → delivered → COMPLETED, with compensation when a
 * step fails or passes its deadline, or when the customer cancels before dispatch. Pure: the state is the
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
    if (reply instanceof DeliveryEvent delivery) {
      return onDelivery(order, delivery);
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

  /**
   * A customer's cancellation: before dispatch, every step taken so far is compensated (stock
   * released, a charge made or under way refunded, a shipment cancelled) and the order ends
   * CANCELLED once the stock is back; after dispatch it is refused.
   */
  public static Cancellation cancel(OrderState order, String reason) {
    OrderStatus status = order.status();
    if (status == OrderStatus.CANCELLING || status == OrderStatus.CANCELLED) {
      return new Cancellation.AlreadyCancelled();
    }
    if (status == OrderStatus.REJECTED || status.shipped()) {
      return new Cancellation.NotCancellable(status);
    }
    List<OrderEvent> events = new ArrayList<>(List.of(new OrderEvent.OrderCancellationRequested(order.orderId(), reason),
        new OrderEvent.StockReleaseRequested(order.orderId(), reason)));
    // Payment asked for, or taken: refund it. The payment service takes an order's requests in
    // log order, so a charge still under way is made before this refund, which then returns it.
    if (order.paymentId() != null && !order.refundRequested()) {
      events.add(new OrderEvent.RefundRequested(order.orderId(), order.paymentId(), order.total(), reason));
    }
    if (order.deliveryRequested() && !order.deliveryCancellationRequested()) {
      events.add(new OrderEvent.DeliveryCancellationRequested(order.orderId(), reason));
    }
    return new Cancellation.Accepted(new Reaction(events, List.of(),
        Set.of(Deadline.Kind.PAYMENT, Deadline.Kind.PAYMENT_RETRY)));
  }

  private static Reaction onReserved(OrderState order, Context context) {
    if (order.status() == OrderStatus.PLACED) {
      return Reaction.events(new OrderEvent.OrderReserved(order.orderId()), paymentRequest(order, context.newPaymentId()))
          .scheduling(new Deadline(order.orderId(), Deadline.Kind.PAYMENT, context.now().plus(context.paymentDeadline())));
    }
    // Reserved for an order cancelled meanwhile: its release request follows this reservation in
    // the inventory's queue (the log keeps an order's events in order), so it gives the stock back.
    return Reaction.NONE;
  }

  private static Reaction onDelivery(OrderState order, DeliveryEvent delivery) {
    OrderStatus status = order.status();
    UUID orderId = order.orderId();
    if (delivery instanceof DeliveryEvent.DeliveryScheduled scheduled && status == OrderStatus.CONFIRMED) {
      return Reaction.events(new OrderEvent.OrderShipmentScheduled(orderId, scheduled.deliveryId()));
    }
    if (delivery instanceof DeliveryEvent.DeliveryDispatched dispatched && status == OrderStatus.DELIVERY_SCHEDULED) {
      return Reaction.events(new OrderEvent.OrderDispatched(orderId, dispatched.deliveryId()));
    }
    if (delivery instanceof DeliveryEvent.DeliveryCompleted completed && status == OrderStatus.DISPATCHED) {
      return Reaction.events(new OrderEvent.OrderDelivered(orderId, completed.deliveryId()),
          new OrderEvent.OrderCompleted(orderId));
    }
    if (delivery instanceof DeliveryEvent.DeliveryFailed failed
        && (status == OrderStatus.DELIVERY_SCHEDULED || status == OrderStatus.DISPATCHED)) {
      return Reaction.events(new OrderEvent.OrderDeliveryFailed(orderId, failed.deliveryId(), failed.reason()));
    }
    // Cancelled or refused shipments are in the order's history as the delivery service wrote them.
    return Reaction.NONE;
  }

  private static Reaction onAuthorized(OrderState order, PaymentEvent.PaymentAuthorized authorized) {
    if (awaitingPayment(order)) {
      return Reaction.events(new OrderEvent.OrderConfirmed(order.orderId()), new OrderEvent.DeliveryRequested(
              order.orderId(), order.customerId(), order.shippingAddress(),
              order.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList()))
          .cancelling(Deadline.Kind.PAYMENT, Deadline.Kind.PAYMENT_RETRY);
    }
    boolean keeps = order.status() == OrderStatus.CONFIRMED || order.status() == OrderStatus.DELIVERY_SCHEDULED
        || order.status().shipped();
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
