package org.orderplatform.order.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.Address;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.PaymentEvent;
import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.order.domain.OrderSagaTest.CONTEXT;
import static org.orderplatform.order.domain.OrderSagaTest.ORDER;
import static org.orderplatform.order.domain.OrderSagaTest.PAYMENT;
import static org.orderplatform.order.domain.OrderSagaTest.TOTAL;

/**
 * The saga against a simple model of what must hold, over random interleavings of replies and
 * deadlines (each reply possible only once its cause happened, delivered late, twice, or racing a
 * deadline): the customer keeps a charge only on a confirmed order, every other charge is refunded
 * exactly once; nothing is confirmed or dispatched once a customer's cancellation began; an order is
 * cancelled only after its stock release was asked for; each of its events is numbered one after
 * the other. The customer's cancellation comes at a random moment in half the runs.
 */
class OrderSagaModelTest {

  private static final long SEED = Long.getLong("saga.seed", 20261127L);
  private static final Object CANCEL = "the customer cancels";
  private static final UUID DELIVERY = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
  private static final Address ADDRESS = new Address("1 Main St", null, "75001", "Paris", "FR");
  private static final Set<OrderStatus> KEEPS_THE_CHARGE = EnumSet.of(OrderStatus.CONFIRMED,
      OrderStatus.DELIVERY_SCHEDULED, OrderStatus.DISPATCHED, OrderStatus.DELIVERED, OrderStatus.COMPLETED,
      OrderStatus.DELIVERY_FAILED);

  @Test
  @DisplayName("random interleavings of replies and deadlines never keep a charge of an unconfirmed order, nor refund twice")
  void randomInterleavingsKeepTheInvariants() {
    Random random = new Random(SEED);
    for (int run = 0; run < 500; run++) {
      runOnce(new Random(random.nextLong()), run);
    }
  }

  private static void runOnce(Random random, int run) {
    OrderState state = OrderSagaTest.placed();
    List<OrderEvent> events = new ArrayList<>();
    List<Object> possible = new ArrayList<>();
    possible.add(random.nextInt(4) == 0
        ? new InventoryEvent.StockRejected(ORDER, List.of(new RejectedLine("TEA-1", 2, 0)))
        : new InventoryEvent.StockReserved(ORDER, List.of(new StockLine("TEA-1", 2))));
    if (random.nextBoolean()) {
      possible.add(CANCEL);
    }
    int authorisations = 0;
    for (int step = 0; step < 40 && !possible.isEmpty(); step++) {
      Object input = possible.get(random.nextInt(possible.size()));
      if (random.nextInt(3) > 0) {
        possible.remove(input);
      }
      if (input instanceof PaymentEvent.PaymentAuthorized) {
        authorisations++;
      }
      Reaction reaction;
      if (input instanceof Deadline.Kind kind) {
        reaction = OrderSaga.onDeadline(state, kind);
      } else if (input == CANCEL) {
        Cancellation cancellation = OrderSaga.cancel(state, "customer");
        reaction = cancellation instanceof Cancellation.Accepted accepted ? accepted.reaction() : Reaction.NONE;
      } else {
        reaction = OrderSaga.react(state, (Event) input, CONTEXT);
      }
      for (OrderEvent event : reaction.events()) {
        state = state.apply(event, CONTEXT.now());
        events.add(event);
        possible.addAll(causedBy(event, random));
      }
      reaction.schedule().forEach(deadline -> possible.add(deadline.kind()));
    }
    String where = "run " + run + " (seed " + SEED + "): " + events;
    assertThat(state.version()).as(where).isEqualTo(1 + events.size());
    assertThat(count(events, OrderEvent.OrderConfirmed.class)).as(where).isLessThanOrEqualTo(1);
    assertThat(count(events, OrderEvent.RefundRequested.class)).as(where).isLessThanOrEqualTo(1);
    assertThat(count(events, OrderEvent.OrderCancelled.class)).as(where).isLessThanOrEqualTo(1);
    boolean keeps = KEEPS_THE_CHARGE.contains(state.status());
    if (authorisations > 0 && !keeps) {
      assertThat(count(events, OrderEvent.RefundRequested.class)).as("a charge it does not keep: " + where).isEqualTo(1);
    }
    if (keeps) {
      assertThat(count(events, OrderEvent.RefundRequested.class)).as(where).isZero();
      assertThat(count(events, OrderEvent.StockReleaseRequested.class)).as(where).isZero();
    }
    int cancelAsked = indexOf(events, OrderEvent.OrderCancellationRequested.class);
    if (cancelAsked >= 0) {
      assertThat(events.subList(cancelAsked, events.size())).as("nothing ships after a cancellation: " + where)
          .noneMatch(e -> e instanceof OrderEvent.OrderDispatched || e instanceof OrderEvent.OrderConfirmed);
    }
    int release = indexOf(events, OrderEvent.StockReleaseRequested.class);
    int cancelled = indexOf(events, OrderEvent.OrderCancelled.class);
    if (cancelled >= 0) {
      assertThat(release).as("released before cancelled: " + where).isBetween(0, cancelled);
    }
  }

  /** The replies an order event can cause, in any order, some of them twice. */
  private static List<Object> causedBy(OrderEvent event, Random random) {
    List<Object> replies = new ArrayList<>();
    if (event instanceof OrderEvent.PaymentRequested) {
      replies.add(switch (random.nextInt(3)) {
        case 0 -> new PaymentEvent.PaymentAuthorized(ORDER, PAYMENT, TOTAL, "ch_1");
        case 1 -> new PaymentEvent.PaymentDeclined(ORDER, PAYMENT, "declined");
        default -> new PaymentEvent.PaymentUnavailable(ORDER, PAYMENT, "circuit open");
      });
    } else if (event instanceof OrderEvent.StockReleaseRequested) {
      replies.add(new InventoryEvent.StockReleased(ORDER, List.of(), "released"));
    } else if (event instanceof OrderEvent.RefundRequested) {
      replies.add(new PaymentEvent.PaymentRefunded(ORDER, PAYMENT, TOTAL));
    } else if (event instanceof OrderEvent.DeliveryRequested) {
      replies.add(new DeliveryEvent.DeliveryScheduled(ORDER, DELIVERY, ADDRESS, CONTEXT.now(), "ups", "U1",
          LocalDate.parse("2026-01-06")));
      replies.add(new DeliveryEvent.DeliveryDispatched(ORDER, DELIVERY, "U1"));
      replies.add(random.nextInt(4) == 0 ? new DeliveryEvent.DeliveryFailed(ORDER, DELIVERY, "lost")
          : new DeliveryEvent.DeliveryCompleted(ORDER, DELIVERY, CONTEXT.now()));
    } else if (event instanceof OrderEvent.DeliveryCancellationRequested) {
      replies.add(new DeliveryEvent.DeliveryCancelled(ORDER, DELIVERY, "customer"));
    }
    return replies;
  }

  private static long count(List<OrderEvent> events, Class<?> type) {
    return events.stream().filter(type::isInstance).count();
  }

  private static int indexOf(List<OrderEvent> events, Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
