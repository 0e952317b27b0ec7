package org.orderplatform.inventory.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** All-or-nothing reservation as a pure decision: no Vert.x, no database. */
class ReservationsTest {

  private static final Map<String, StockLevel> LEVELS = Map.of(
      "TEA-1", new StockLevel("TEA-1", 10, 7),
      "CUP-1", new StockLevel("CUP-1", 5, 0));

  @Test
  @DisplayName("every line within its available stock is reserved, one line per sku in sku order")
  void reservesWhenEveryLineFits() {
    ReservationDecision decision = Reservations.decide(List.of(new StockLine("TEA-1", 2), new StockLine("CUP-1", 5)),
        LEVELS);

    assertThat(decision).isEqualTo(new ReservationDecision.Reserve(
        List.of(new StockLine("CUP-1", 5), new StockLine("TEA-1", 2))));
  }

  @Test
  @DisplayName("asking for exactly what is available is reserved")
  void exactlyAvailableFits() {
    assertThat(Reservations.decide(List.of(new StockLine("TEA-1", 3)), LEVELS))
        .isEqualTo(new ReservationDecision.Reserve(List.of(new StockLine("TEA-1", 3))));
  }

  @Test
  @DisplayName("one short line rejects the whole order, naming only the short line and what is available")
  void oneShortLineRejectsAll() {
    ReservationDecision decision = Reservations.decide(List.of(new StockLine("TEA-1", 4), new StockLine("CUP-1", 1)),
        LEVELS);

    assertThat(decision).isEqualTo(new ReservationDecision.Reject(List.of(new RejectedLine("TEA-1", 4, 3))));
  }

  @Test
  @DisplayName("an unknown sku is rejected with nothing available")
  void unknownSkuIsRejected() {
    assertThat(Reservations.decide(List.of(new StockLine("NOPE-1", 1)), LEVELS))
        .isEqualTo(new ReservationDecision.Reject(List.of(new RejectedLine("NOPE-1", 1, 0))));
  }

  @Test
  @DisplayName("lines of the same sku are added up before they are compared with the stock")
  void repeatedSkuIsSummed() {
    ReservationDecision decision = Reservations.decide(List.of(new StockLine("TEA-1", 2), new StockLine("TEA-1", 2)),
        LEVELS);

    assertThat(decision).isEqualTo(new ReservationDecision.Reject(List.of(new RejectedLine("TEA-1", 4, 3))));
  }

  @Test
  @DisplayName("merging sums quantities per sku and sorts by sku")
  void mergeSumsAndSorts() {
    assertThat(Reservations.merge(List.of(new StockLine("TEA-1", 1), new StockLine("CUP-1", 2), new StockLine("TEA-1", 3))))
        .containsExactly(new StockLine("CUP-1", 2), new StockLine("TEA-1", 4));
  }

  @Test
  @DisplayName("available is on hand minus reserved")
  void availableIsOnHandMinusReserved() {
    assertThat(new StockLevel("TEA-1", 10, 7).available()).isEqualTo(3);
  }

  @Test
  @DisplayName("a stock level with more reserved than on hand cannot exist")
  void reservedNeverExceedsOnHand() {
    assertThatThrownBy(() -> new StockLevel("TEA-1", 2, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StockLevel("TEA-1", -1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("orders decided in turn share the stock: the first takes what it needs, the next sees the rest")
  void decidedInTurn() {
    List<ReservationDecision> decisions = Reservations.decideInTurn(List.of(
        List.of(new StockLine("TEA-1", 2)),
        List.of(new StockLine("TEA-1", 2), new StockLine("CUP-1", 1)),
        List.of(new StockLine("TEA-1", 1), new StockLine("CUP-1", 5))), LEVELS);

    assertThat(decisions).containsExactly(
        new ReservationDecision.Reserve(List.of(new StockLine("TEA-1", 2))),
        new ReservationDecision.Reject(List.of(new RejectedLine("TEA-1", 2, 1))),
        new ReservationDecision.Reserve(List.of(new StockLine("CUP-1", 5), new StockLine("TEA-1", 1))));
  }
}
