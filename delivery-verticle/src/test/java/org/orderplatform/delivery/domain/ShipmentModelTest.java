package org.orderplatform.delivery.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.DeliveryEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine against the simplest model of it, the transition table written out once more
 * by hand, over random sequences of commands: a command the table allows moves the shipment to its
 * target and emits the matching event; any other report changes nothing; a cancellation is always
 * answered (cancelled, or refused once the parcel left).
 */
class ShipmentModelTest {

  private static final long SEED = Long.getLong("delivery.seed", 20261127L);

  private static final Map<ShipmentStatus, Set<ShipmentStatus>> MODEL = Map.of(
      ShipmentStatus.SCHEDULED, EnumSet.of(ShipmentStatus.DISPATCHED, ShipmentStatus.FAILED, ShipmentStatus.CANCELLED),
      ShipmentStatus.DISPATCHED, EnumSet.of(ShipmentStatus.DELIVERED, ShipmentStatus.FAILED),
      ShipmentStatus.DELIVERED, EnumSet.noneOf(ShipmentStatus.class),
      ShipmentStatus.FAILED, EnumSet.noneOf(ShipmentStatus.class),
      ShipmentStatus.CANCELLED, EnumSet.noneOf(ShipmentStatus.class));

  @Test
  @DisplayName("random command sequences follow the transition table, and illegal ones change nothing")
  void randomSequencesFollowTheTable() {
    Random random = new Random(SEED);
    for (int run = 0; run < 1_000; run++) {
      runOnce(new Random(random.nextLong()), run);
    }
  }

  private static void runOnce(Random random, int run) {
    AutoProgress auto = random.nextBoolean() ? AutoProgress.OFF : AutoProgress.every(Duration.ofMillis(500));
    Instant now = ShipmentTest.NOW;
    Shipment shipment = Shipment.schedule(ShipmentTest.request("FR"), ShipmentTest.DELIVERY, now, ShipmentTest.CARRIERS,
        auto).shipment();
    ShipmentStatus model = ShipmentStatus.SCHEDULED;
    List<String> trail = new ArrayList<>();
    for (int step = 0; step < 12; step++) {
      now = now.plusSeconds(random.nextInt(1, 3600));
      ShipmentCommand command = randomCommand(random);
      trail.add(command.toString());
      String where = "run " + run + " (seed " + SEED + "): " + trail;
      Decision decision = shipment.decide(command, now, auto);
      boolean allowed = MODEL.get(model).contains(command.target());

      if (allowed) {
        assertThat(decision).as(where).isInstanceOf(Decision.Moved.class);
        Decision.Moved moved = (Decision.Moved) decision;
        assertThat(moved.shipment().status()).as(where).isEqualTo(command.target());
        assertThat(moved.event()).as(where).isEqualTo(expectedEvent(shipment, command, now));
        assertThat(moved.shipment().nextStepAt()).as(where).isEqualTo(
            auto.enabled() && (command.target() == ShipmentStatus.DISPATCHED) ? now.plusMillis(500) : null);
        assertThat(moved.shipment()).as(where + ": only status, reason, times change")
            .usingRecursiveComparison().ignoringFields("status", "reason", "deliveredAt", "nextStepAt").isEqualTo(shipment);
        shipment = moved.shipment();
        model = command.target();
      } else if (command instanceof ShipmentCommand.Cancel) {
        assertThat(decision).as(where).isInstanceOf(Decision.Answered.class);
        DeliveryEvent answer = ((Decision.Answered) decision).event();
        assertThat(answer).as(where).isInstanceOf(model == ShipmentStatus.CANCELLED
            ? DeliveryEvent.DeliveryCancelled.class : DeliveryEvent.DeliveryCancellationRefused.class);
      } else {
        assertThat(decision).as(where).isEqualTo(new Decision.Illegal(model, command.target()));
      }
      assertThat(shipment.status()).as(where).isEqualTo(model);
      assertThat(shipment.status().isFinal()).as(where).isEqualTo(MODEL.get(model).isEmpty());
    }
  }

  private static DeliveryEvent expectedEvent(Shipment before, ShipmentCommand command, Instant now) {
    if (command instanceof ShipmentCommand.Dispatch) {
      return new DeliveryEvent.DeliveryDispatched(before.orderId(), before.deliveryId(), before.trackingNumber());
    }
    if (command instanceof ShipmentCommand.Deliver) {
      return new DeliveryEvent.DeliveryCompleted(before.orderId(), before.deliveryId(), now);
    }
    if (command instanceof ShipmentCommand.Fail fail) {
      return new DeliveryEvent.DeliveryFailed(before.orderId(), before.deliveryId(), fail.reason());
    }
    return new DeliveryEvent.DeliveryCancelled(before.orderId(), before.deliveryId(),
        ((ShipmentCommand.Cancel) command).reason());
  }

  private static ShipmentCommand randomCommand(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> new ShipmentCommand.Dispatch();
      case 1 -> new ShipmentCommand.Deliver();
      case 2 -> new ShipmentCommand.Fail("reason " + random.nextInt(10));
      default -> new ShipmentCommand.Cancel("cancel " + random.nextInt(10));
    };
  }
}
