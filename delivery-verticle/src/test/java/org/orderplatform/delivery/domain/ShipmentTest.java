package org.orderplatform.delivery.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.Address;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.StockLine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ShipmentTest {

  static final Instant NOW = Instant.parse("2026-11-27T22:30:00Z");
  static final UUID ORDER = UUID.fromString("00000000-0000-4000-8000-000000000001");
  static final UUID DELIVERY = UUID.fromString("3f2a9b10-0000-4000-8000-0000000000aa");
  static final Carriers CARRIERS = Carriers.parse(Carriers.DEFAULT);

  static OrderEvent.DeliveryRequested request(String country) {
    return new OrderEvent.DeliveryRequested(ORDER, "c-1", new Address("1 Main St", null, "75001", "Paris", country),
        List.of(new StockLine("TEA-1", 3)));
  }

  static Shipment scheduled() {
    return Shipment.schedule(request("FR"), DELIVERY, NOW, CARRIERS, AutoProgress.OFF).shipment();
  }

  @Test
  @DisplayName("a shipment to France goes with colissimo, due two days after the (UTC) day it is scheduled")
  void carrierByCountry() {
    Shipment.Scheduled scheduled = Shipment.schedule(request("FR"), DELIVERY, NOW, CARRIERS, AutoProgress.OFF);

    assertThat(scheduled.event()).isEqualTo(new DeliveryEvent.DeliveryScheduled(ORDER, DELIVERY,
        request("FR").shippingAddress(), NOW, "colissimo", "COL-3F2A9B100000400080000000000000AA", LocalDate.of(2026, 11, 29)));
    assertThat(scheduled.shipment().status()).isEqualTo(ShipmentStatus.SCHEDULED);
    assertThat(scheduled.shipment().nextStepAt()).isNull();
  }

  @Test
  @DisplayName("a country nobody listed gets the default carrier and its days")
  void defaultCarrier() {
    DeliveryEvent.DeliveryScheduled event = Shipment.schedule(request("ES"), DELIVERY, NOW, CARRIERS, AutoProgress.OFF).event();

    assertThat(event.carrier()).isEqualTo("ups");
    assertThat(event.trackingNumber()).startsWith("UPS-");
    assertThat(event.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 12, 2));
  }

  @Test
  @DisplayName("dispatch, then delivery: each says so, the delivery with its time")
  void happyPath() {
    Decision dispatched = scheduled().decide(new ShipmentCommand.Dispatch(), NOW, AutoProgress.OFF);
    assertThat(dispatched).isEqualTo(new Decision.Moved(((Decision.Moved) dispatched).shipment(),
        new DeliveryEvent.DeliveryDispatched(ORDER, DELIVERY, scheduled().trackingNumber())));
    Shipment onTheWay = ((Decision.Moved) dispatched).shipment();
    assertThat(onTheWay.status()).isEqualTo(ShipmentStatus.DISPATCHED);

    Instant later = NOW.plusSeconds(3600);
    Decision.Moved delivered = (Decision.Moved) onTheWay.decide(new ShipmentCommand.Deliver(), later, AutoProgress.OFF);
    assertThat(delivered.event()).isEqualTo(new DeliveryEvent.DeliveryCompleted(ORDER, DELIVERY, later));
    assertThat(delivered.shipment().deliveredAt()).isEqualTo(later);
  }

  @Test
  @DisplayName("a delivery before dispatch, or any report on a delivered shipment, is illegal")
  void illegal() {
    assertThat(scheduled().decide(new ShipmentCommand.Deliver(), NOW, AutoProgress.OFF))
        .isEqualTo(new Decision.Illegal(ShipmentStatus.SCHEDULED, ShipmentStatus.DELIVERED));
    Shipment delivered = ((Decision.Moved) ((Decision.Moved) scheduled().decide(new ShipmentCommand.Dispatch(), NOW,
        AutoProgress.OFF)).shipment().decide(new ShipmentCommand.Deliver(), NOW, AutoProgress.OFF)).shipment();
    assertThat(delivered.decide(new ShipmentCommand.Fail("lost"), NOW, AutoProgress.OFF))
        .isEqualTo(new Decision.Illegal(ShipmentStatus.DELIVERED, ShipmentStatus.FAILED));
  }

  @Test
  @DisplayName("a cancellation before dispatch cancels; asked again it answers the same; after dispatch it is refused")
  void cancellation() {
    Decision.Moved cancelled = (Decision.Moved) scheduled().decide(new ShipmentCommand.Cancel("customer"), NOW,
        AutoProgress.OFF);
    assertThat(cancelled.event()).isEqualTo(new DeliveryEvent.DeliveryCancelled(ORDER, DELIVERY, "customer"));
    assertThat(cancelled.shipment().decide(new ShipmentCommand.Cancel("again"), NOW, AutoProgress.OFF))
        .isEqualTo(new Decision.Answered(new DeliveryEvent.DeliveryCancelled(ORDER, DELIVERY, "customer")));

    Shipment dispatched = ((Decision.Moved) scheduled().decide(new ShipmentCommand.Dispatch(), NOW, AutoProgress.OFF))
        .shipment();
    assertThat(dispatched.decide(new ShipmentCommand.Cancel("customer"), NOW, AutoProgress.OFF))
        .isEqualTo(new Decision.Answered(new DeliveryEvent.DeliveryCancellationRefused(ORDER, DELIVERY,
            "the shipment is already dispatched")));
  }

  @Test
  @DisplayName("with auto-progress on, a shipment with a step left is due one interval later; a finished one is not")
  void autoProgress() {
    AutoProgress auto = AutoProgress.every(Duration.ofSeconds(2));
    Shipment shipment = Shipment.schedule(request("FR"), DELIVERY, NOW, CARRIERS, auto).shipment();
    assertThat(shipment.nextStepAt()).isEqualTo(NOW.plusSeconds(2));
    Shipment dispatched = ((Decision.Moved) shipment.decide(new ShipmentCommand.Dispatch(), NOW.plusSeconds(2), auto))
        .shipment();
    assertThat(dispatched.nextStepAt()).isEqualTo(NOW.plusSeconds(4));
    Shipment delivered = ((Decision.Moved) dispatched.decide(new ShipmentCommand.Deliver(), NOW.plusSeconds(4), auto))
        .shipment();
    assertThat(delivered.nextStepAt()).isNull();
    assertThat(AutoProgress.nextStep(ShipmentStatus.DELIVERED)).isEmpty();
  }
}
