package org.orderplatform.order.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.Address;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderCommand;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;
import org.orderplatform.events.StockLine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The order's decisions and its fold, as pure functions: no Vert.x, no database. */
class OrdersTest {

  private static final UUID ORDER = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final Address ADDRESS = new Address("1 Main St", null, "75001", "Paris", "FR");
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2025-01-01T10:00:05Z");
  private static final Map<String, Money> PRICES = Map.of(
      "TEA-1", new Money(450, "EUR"), "CUP-1", new Money(1_200, "EUR"), "MUG-1", new Money(900, "USD"));

  @Test
  @DisplayName("placing an order prices every line from the catalogue and totals them")
  void placePricesLines() {
    PlaceOrderDecision decision = Orders.place(command(new StockLine("TEA-1", 3), new StockLine("CUP-1", 2)), PRICES);

    assertThat(decision).isInstanceOf(PlaceOrderDecision.Accepted.class);
    OrderEvent.OrderPlaced placed = ((PlaceOrderDecision.Accepted) decision).placed();
    assertThat(placed.orderId()).isEqualTo(ORDER);
    assertThat(placed.lines()).containsExactly(
        new OrderLine("TEA-1", 3, new Money(450, "EUR")), new OrderLine("CUP-1", 2, new Money(1_200, "EUR")));
    assertThat(placed.total()).isEqualTo(new Money(3 * 450 + 2 * 1_200, "EUR"));
    assertThat(placed.shippingAddress()).isEqualTo(ADDRESS);
  }

  @Test
  @DisplayName("an order naming unknown products is refused, listing each unknown sku once, sorted")
  void placeRefusesUnknownProducts() {
    PlaceOrderDecision decision = Orders.place(command(new StockLine("ZZZ-1", 1), new StockLine("TEA-1", 1),
        new StockLine("AAA-1", 1), new StockLine("ZZZ-1", 2)), PRICES);

    assertThat(decision).isEqualTo(new PlaceOrderDecision.UnknownProducts(List.of("AAA-1", "ZZZ-1")));
  }

  @Test
  @DisplayName("an order whose products are priced in two currencies is refused, naming both")
  void placeRefusesMixedCurrencies() {
    PlaceOrderDecision decision = Orders.place(command(new StockLine("TEA-1", 1), new StockLine("MUG-1", 1)), PRICES);

    assertThat(decision).isEqualTo(new PlaceOrderDecision.MixedCurrencies(List.of("EUR", "USD")));
  }

  @Test
  @DisplayName("a placed order starts PLACED at version 1")
  void placedState() {
    OrderState state = placedState(T0);

    assertThat(state.status()).isEqualTo(OrderStatus.PLACED);
    assertThat(state.version()).isEqualTo(1);
    assertThat(state.placedAt()).isEqualTo(T0);
    assertThat(state.updatedAt()).isEqualTo(T0);
    assertThat(state.reason()).isNull();
  }

  @Test
  @DisplayName("applying OrderRejected makes the order REJECTED with its reason, one version later")
  void applyRejected() {
    OrderState state = placedState(T0).apply(new OrderEvent.OrderRejected(ORDER, "no stock", List.of()), T1);

    assertThat(state.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(state.reason()).isEqualTo("no stock");
    assertThat(state.version()).isEqualTo(2);
    assertThat(state.updatedAt()).isEqualTo(T1);
    assertThat(state.placedAt()).isEqualTo(T0);
  }

  @Test
  @DisplayName("each later event of the saga moves the status and bumps the version by one")
  void applyFollowsTheSaga() {
    OrderState state = placedState(T0)
        .apply(new OrderEvent.PaymentRequested(ORDER, UUID.randomUUID(), new Money(1_350, "EUR"), "tok_visa"), T1);
    assertThat(state.status()).isEqualTo(OrderStatus.PAYMENT_REQUESTED);
    state = state.apply(new OrderEvent.OrderConfirmed(ORDER), T1);
    assertThat(state.status()).isEqualTo(OrderStatus.CONFIRMED);
    state = state.apply(new OrderEvent.OrderCancellationRequested(ORDER, "changed my mind"), T1);
    assertThat(state.status()).isEqualTo(OrderStatus.CANCELLING);
    assertThat(state.reason()).isEqualTo("changed my mind");
    state = state.apply(new OrderEvent.OrderCancelled(ORDER, "cancelled by customer"), T1);
    assertThat(state.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(state.reason()).isEqualTo("cancelled by customer");
    assertThat(state.version()).isEqualTo(5);
  }

  @Test
  @DisplayName("a stream folds to the state its events say, and an empty stream to no order")
  void foldsAStream() {
    OrderEvent.OrderPlaced placed = ((PlaceOrderDecision.Accepted) Orders.place(command(new StockLine("TEA-1", 3)),
        PRICES)).placed();
    UUID payment = UUID.randomUUID();

    var state = OrderState.fold(List.of(new OrderState.Timed(placed, T0),
        new OrderState.Timed(new OrderEvent.OrderReserved(ORDER), T1),
        new OrderState.Timed(new OrderEvent.PaymentRequested(ORDER, payment, placed.total(), "tok_visa"), T1)));

    assertThat(state).get().extracting(OrderState::status, OrderState::version, OrderState::paymentId,
        OrderState::paymentAttempts, OrderState::placedAt, OrderState::updatedAt)
        .containsExactly(OrderStatus.PAYMENT_REQUESTED, 3, payment, 1, T0, T1);
    assertThat(OrderState.fold(List.of())).isEmpty();
  }

  @Test
  @DisplayName("an event that changes no status still counts: same status and reason, one version later")
  void applyOtherEventBumpsVersion() {
    OrderState placed = placedState(T0);

    OrderState next = placed.apply(new OrderEvent.OrderStepTimedOut(ORDER, "payment"), T1);

    assertThat(next.status()).isEqualTo(OrderStatus.PLACED);
    assertThat(next.reason()).isNull();
    assertThat(next.version()).isEqualTo(2);
    assertThat(next.updatedAt()).isEqualTo(T1);
  }

  @Test
  @DisplayName("reserving keeps lines, total and address and moves the order to RESERVED")
  void reservedKeepsTheOrder() {
    OrderState placed = placedState(T0);

    OrderState reserved = placed.apply(new OrderEvent.OrderReserved(ORDER), T1);

    assertThat(reserved.status()).isEqualTo(OrderStatus.RESERVED);
    assertThat(reserved.version()).isEqualTo(placed.version() + 1);
    assertThat(reserved.lines()).isEqualTo(placed.lines());
    assertThat(reserved.total()).isEqualTo(placed.total());
    assertThat(reserved.shippingAddress()).isEqualTo(placed.shippingAddress());
  }

  private static OrderState placedState(Instant at) {
    var decision = (PlaceOrderDecision.Accepted) Orders.place(command(new StockLine("TEA-1", 3)), PRICES);
    return OrderState.placed(decision.placed(), at);
  }

  private static OrderCommand.PlaceOrder command(StockLine... items) {
    return new OrderCommand.PlaceOrder(ORDER, "c-1", List.of(items), ADDRESS, "tok_visa");
  }
}
