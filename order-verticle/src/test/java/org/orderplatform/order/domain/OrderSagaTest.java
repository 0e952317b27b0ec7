package org.orderplatform.order.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.Address;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;
import org.orderplatform.events.PaymentEvent;
import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The saga's decisions as pure functions: each reply and deadline against each state. */
class OrderSagaTest {

  static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000007");
  static final UUID PAYMENT = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final Money TOTAL = new Money(900, "EUR");
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final OrderSaga.Context CONTEXT = new OrderSaga.Context(T0, PAYMENT, Duration.ofSeconds(30),
      Duration.ofSeconds(1), Duration.ofSeconds(8));

  static OrderState placed() {
    return OrderState.placed(new OrderEvent.OrderPlaced(ORDER, "c-1", List.of(new OrderLine("TEA-1", 2,
        new Money(450, "EUR"))), TOTAL, new Address("1 Main St", null, "75001", "Paris", "FR"), "tok_visa"), T0);
  }

  /** Applies the reaction's events, as the use case does. */
  static OrderState after(OrderState state, Reaction reaction) {
    for (OrderEvent event : reaction.events()) {
      state = state.apply(event, T0);
    }
    return state;
  }

  static OrderState awaitingPayment() {
    return after(placed(), OrderSaga.react(placed(), reserved(), CONTEXT));
  }

  static InventoryEvent.StockReserved reserved() {
    return new InventoryEvent.StockReserved(ORDER, List.of(new StockLine("TEA-1", 2)));
  }

  static PaymentEvent.PaymentAuthorized authorized() {
    return new PaymentEvent.PaymentAuthorized(ORDER, PAYMENT, TOTAL, "ch_1");
  }

  @Test
  @DisplayName("reserved stock records the reservation, asks for the payment and stores the payment deadline")
  void reservedAsksForPayment() {
    Reaction reaction = OrderSaga.react(placed(), reserved(), CONTEXT);

    assertThat(reaction.events()).containsExactly(new OrderEvent.OrderReserved(ORDER),
        new OrderEvent.PaymentRequested(ORDER, PAYMENT, TOTAL, "tok_visa"));
    assertThat(reaction.schedule()).containsExactly(
        new Deadline(ORDER, Deadline.Kind.PAYMENT, T0.plusSeconds(30)));
  }

  @Test
  @DisplayName("an authorised payment confirms the order, asks for its shipment and drops its timers")
  void authorisedConfirms() {
    Reaction reaction = OrderSaga.react(awaitingPayment(), authorized(), CONTEXT);

    assertThat(reaction.events()).containsExactly(new OrderEvent.OrderConfirmed(ORDER),
        new OrderEvent.DeliveryRequested(ORDER, "c-1", placed().shippingAddress(), List.of(new StockLine("TEA-1", 2))));
    assertThat(reaction.cancel()).containsExactlyInAnyOrder(Deadline.Kind.PAYMENT, Deadline.Kind.PAYMENT_RETRY);
    assertThat(OrderSaga.react(after(awaitingPayment(), reaction), authorized(), CONTEXT))
        .as("the same authorisation again").isEqualTo(Reaction.NONE);
  }

  @Test
  @DisplayName("rejected stock rejects the order naming every short line, and nothing is charged")
  void rejectedStockRejects() {
    var rejected = new InventoryEvent.StockRejected(ORDER, List.of(new RejectedLine("TEA-1", 2, 1)));

    Reaction reaction = OrderSaga.react(placed(), rejected, CONTEXT);

    assertThat(reaction.events()).containsExactly(new OrderEvent.OrderRejected(ORDER,
        "insufficient stock: TEA-1 (requested 2, available 1)", rejected.rejectedLines()));
    assertThat(reaction.events()).noneMatch(e -> e instanceof OrderEvent.PaymentRequested);
  }

  @Test
  @DisplayName("a declined payment releases the stock first, and the release ends the order CANCELLED with the reason")
  void declineCompensates() {
    Reaction decline = OrderSaga.react(awaitingPayment(),
        new PaymentEvent.PaymentDeclined(ORDER, PAYMENT, "insufficient funds"), CONTEXT);
    assertThat(decline.events()).containsExactly(
        new OrderEvent.StockReleaseRequested(ORDER, "payment declined: insufficient funds"));
    OrderState cancelling = after(awaitingPayment(), decline);
    assertThat(cancelling.status()).isEqualTo(OrderStatus.CANCELLING);

    Reaction released = OrderSaga.react(cancelling,
        new InventoryEvent.StockReleased(ORDER, List.of(new StockLine("TEA-1", 2)), "payment declined"), CONTEXT);

    assertThat(released.events()).containsExactly(
        new OrderEvent.OrderCancelled(ORDER, "payment declined: insufficient funds"));
  }

  @Test
  @DisplayName("an unavailable provider sets a retry timer that doubles per attempt up to its bound")
  void unavailableRetries() {
    var unavailable = new PaymentEvent.PaymentUnavailable(ORDER, PAYMENT, "circuit open");
    OrderState state = awaitingPayment();

    assertThat(OrderSaga.react(state, unavailable, CONTEXT).schedule())
        .containsExactly(new Deadline(ORDER, Deadline.Kind.PAYMENT_RETRY, T0.plusSeconds(1)));
    Reaction retry = OrderSaga.onDeadline(state, Deadline.Kind.PAYMENT_RETRY);
    assertThat(retry.events()).containsExactly(new OrderEvent.PaymentRequested(ORDER, PAYMENT, TOTAL, "tok_visa"));
    state = after(state, retry);
    assertThat(OrderSaga.react(state, unavailable, CONTEXT).schedule().get(0).dueAt()).isEqualTo(T0.plusSeconds(2));
    for (int i = 0; i < 10; i++) {
      state = after(state, OrderSaga.onDeadline(state, Deadline.Kind.PAYMENT_RETRY));
    }
    assertThat(OrderSaga.react(state, unavailable, CONTEXT).schedule().get(0).dueAt()).isEqualTo(T0.plusSeconds(8));
  }

  @Test
  @DisplayName("the payment deadline records the timeout, releases the stock and refunds any charge whose answer was lost; it does nothing once the order moved on")
  void paymentDeadlineCompensates() {
    Reaction timedOut = OrderSaga.onDeadline(awaitingPayment(), Deadline.Kind.PAYMENT);

    assertThat(timedOut.events()).containsExactly(new OrderEvent.OrderStepTimedOut(ORDER, "payment"),
        new OrderEvent.StockReleaseRequested(ORDER, "payment not authorised in time"),
        new OrderEvent.RefundRequested(ORDER, PAYMENT, TOTAL, "payment not authorised in time"));
    assertThat(timedOut.cancel()).contains(Deadline.Kind.PAYMENT_RETRY);
    OrderState confirmed = after(awaitingPayment(), OrderSaga.react(awaitingPayment(), authorized(), CONTEXT));
    assertThat(OrderSaga.onDeadline(confirmed, Deadline.Kind.PAYMENT)).isEqualTo(Reaction.NONE);
    assertThat(OrderSaga.onDeadline(confirmed, Deadline.Kind.PAYMENT_RETRY)).isEqualTo(Reaction.NONE);
  }

  @Test
  @DisplayName("an authorisation that arrives after the order gave up is refunded, once")
  void lateAuthorisationIsRefunded() {
    OrderState cancelling = after(awaitingPayment(), OrderSaga.react(awaitingPayment(),
        new PaymentEvent.PaymentDeclined(ORDER, PAYMENT, "do not honour"), CONTEXT));
    OrderState cancelled = after(cancelling, OrderSaga.react(cancelling,
        new InventoryEvent.StockReleased(ORDER, List.of(), "declined"), CONTEXT));
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);

    Reaction refund = OrderSaga.react(cancelled, authorized(), CONTEXT);

    assertThat(refund.events()).containsExactly(
        new OrderEvent.RefundRequested(ORDER, PAYMENT, TOTAL, OrderSaga.AUTHORISED_TOO_LATE));
    OrderState refunding = after(cancelled, refund);
    assertThat(OrderSaga.react(refunding, authorized(), CONTEXT)).as("a second authorisation").isEqualTo(Reaction.NONE);
    Reaction recorded = OrderSaga.react(refunding, new PaymentEvent.PaymentRefunded(ORDER, PAYMENT, TOTAL), CONTEXT);
    assertThat(recorded.events()).containsExactly(new OrderEvent.OrderRefunded(ORDER, PAYMENT, TOTAL));
    assertThat(OrderSaga.react(after(refunding, recorded), new PaymentEvent.PaymentRefunded(ORDER, PAYMENT, TOTAL),
        CONTEXT)).isEqualTo(Reaction.NONE);
    assertThat(after(refunding, recorded).status()).as("still cancelled").isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  @DisplayName("after a payment timeout the refund is already asked for: a late authorisation asks for nothing more")
  void lateAuthorisationAfterTimeout() {
    OrderState timedOut = after(awaitingPayment(), OrderSaga.onDeadline(awaitingPayment(), Deadline.Kind.PAYMENT));

    assertThat(OrderSaga.react(timedOut, authorized(), CONTEXT)).isEqualTo(Reaction.NONE);
  }

  static OrderState confirmed() {
    return after(awaitingPayment(), OrderSaga.react(awaitingPayment(), authorized(), CONTEXT));
  }

  @Test
  @DisplayName("the shipment moves the order on: scheduled, dispatched, then delivered and completed")
  void shipmentMovesTheOrder() {
    UUID delivery = UUID.randomUUID();
    OrderState state = confirmed();
    state = after(state, expect(state, new DeliveryEvent.DeliveryScheduled(ORDER, delivery, placed().shippingAddress(),
        T0, "colissimo", "CO123", java.time.LocalDate.parse("2026-01-03")), new OrderEvent.OrderShipmentScheduled(ORDER, delivery)));
    assertThat(state.status()).isEqualTo(OrderStatus.DELIVERY_SCHEDULED);
    state = after(state, expect(state, new DeliveryEvent.DeliveryDispatched(ORDER, delivery, "CO123"),
        new OrderEvent.OrderDispatched(ORDER, delivery)));
    state = after(state, expect(state, new DeliveryEvent.DeliveryCompleted(ORDER, delivery, T0),
        new OrderEvent.OrderDelivered(ORDER, delivery), new OrderEvent.OrderCompleted(ORDER)));
    assertThat(state.status()).isEqualTo(OrderStatus.COMPLETED);
  }

  private static Reaction expect(OrderState state, Event reply, OrderEvent... events) {
    Reaction reaction = OrderSaga.react(state, reply, CONTEXT);
    assertThat(reaction.events()).containsExactly(events);
    return reaction;
  }

  @Test
  @DisplayName("a customer's cancellation compensates every step taken: before payment, stock only; paid, a refund too; shipment asked for, its cancellation too")
  void cancellationCompensatesWhatWasDone() {
    assertThat(accepted(OrderSaga.cancel(placed(), "changed my mind")).events()).containsExactly(
        new OrderEvent.OrderCancellationRequested(ORDER, "changed my mind"),
        new OrderEvent.StockReleaseRequested(ORDER, "changed my mind"));
    assertThat(accepted(OrderSaga.cancel(awaitingPayment(), "x")).events()).contains(
        new OrderEvent.RefundRequested(ORDER, PAYMENT, TOTAL, "x"));
    Reaction paid = accepted(OrderSaga.cancel(confirmed(), "x"));
    assertThat(paid.events()).contains(new OrderEvent.RefundRequested(ORDER, PAYMENT, TOTAL, "x"),
        new OrderEvent.DeliveryCancellationRequested(ORDER, "x"));
    assertThat(paid.cancel()).containsExactlyInAnyOrder(Deadline.Kind.PAYMENT, Deadline.Kind.PAYMENT_RETRY);
    OrderState cancelling = after(confirmed(), paid);
    assertThat(cancelling.status()).isEqualTo(OrderStatus.CANCELLING);
    assertThat(OrderSaga.cancel(cancelling, "again")).isInstanceOf(Cancellation.AlreadyCancelled.class);
    assertThat(OrderSaga.react(cancelling, authorized(), CONTEXT)).as("a charge landing now is already refunded")
        .isEqualTo(Reaction.NONE);
    OrderState cancelled = after(cancelling, OrderSaga.react(cancelling,
        new InventoryEvent.StockReleased(ORDER, List.of(new StockLine("TEA-1", 2)), "x"), CONTEXT));
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(OrderSaga.cancel(cancelled, "again")).isInstanceOf(Cancellation.AlreadyCancelled.class);
  }

  @Test
  @DisplayName("a dispatched or rejected order cannot be cancelled")
  void tooLateToCancel() {
    UUID delivery = UUID.randomUUID();
    OrderState scheduled = after(confirmed(), OrderSaga.react(confirmed(), new DeliveryEvent.DeliveryScheduled(ORDER,
        delivery, placed().shippingAddress(), T0, "ups", "U1", java.time.LocalDate.parse("2026-01-06")), CONTEXT));
    OrderState dispatched = after(scheduled, OrderSaga.react(scheduled,
        new DeliveryEvent.DeliveryDispatched(ORDER, delivery, "U1"), CONTEXT));
    OrderState rejected = after(placed(), OrderSaga.react(placed(),
        new InventoryEvent.StockRejected(ORDER, List.of(new RejectedLine("TEA-1", 2, 0))), CONTEXT));

    assertThat(OrderSaga.cancel(scheduled, "x")).isInstanceOf(Cancellation.Accepted.class);
    assertThat(OrderSaga.cancel(dispatched, "x")).isEqualTo(new Cancellation.NotCancellable(OrderStatus.DISPATCHED));
    assertThat(OrderSaga.cancel(rejected, "x")).isEqualTo(new Cancellation.NotCancellable(OrderStatus.REJECTED));
  }

  private static Reaction accepted(Cancellation cancellation) {
    assertThat(cancellation).isInstanceOf(Cancellation.Accepted.class);
    return ((Cancellation.Accepted) cancellation).reaction();
  }

  @Test
  @DisplayName("replies the order has moved past change nothing")
  void staleRepliesChangeNothing() {
    OrderState confirmed = after(awaitingPayment(), OrderSaga.react(awaitingPayment(), authorized(), CONTEXT));
    for (var reply : Set.of(reserved(), new InventoryEvent.StockRejected(ORDER, List.of()),
        new InventoryEvent.StockReleased(ORDER, List.of(), "x"),
        new PaymentEvent.PaymentDeclined(ORDER, PAYMENT, "late decline"),
        new PaymentEvent.PaymentUnavailable(ORDER, PAYMENT, "late"))) {
      assertThat(OrderSaga.react(confirmed, reply, CONTEXT)).as(reply.toString()).isEqualTo(Reaction.NONE);
    }
  }
}
