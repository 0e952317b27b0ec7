package org.orderplatform.delivery;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code DELIVERY_AUTOPROGRESS}: shipments reach DELIVERED by themselves, from due times stored in their rows. */
class AutoProgressTest {

  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(Map.of("DELIVERY_AUTOPROGRESS", "200ms"),
        new ServiceHarness.Hosting(DeliveryModule.SCHEMA, DeliveryModule::new));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("with auto-progress at 200ms, scheduled shipments are dispatched and delivered unattended, each step once")
  void reachesDeliveredByItself() {
    var orders = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
    service.appendAll(orders.stream().map(id -> Deliveries.requested(id, "FR")).toList());

    for (UUID orderId : orders) {
      Awaiting.eventually(() -> Deliveries.answers(service, orderId), types -> types.size() >= 3,
          "order " + orderId + " delivered by itself");
      assertThat(Deliveries.answers(service, orderId))
          .containsExactly("delivery.scheduled", "delivery.dispatched", "delivery.completed");
      assertThat(Deliveries.status(service, orderId)).isEqualTo("delivered");
    }
    assertThat(service.count("select count(*) from delivery.shipments where next_step_at is not null")).isZero();
  }

  @Test
  @DisplayName("a shipment dispatched by the carrier before its due time is delivered one interval after that")
  void carrierReportResetsTheDueTime() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = Deliveries.schedule(service, orderId, "FR");
    var reply = service.post("/deliveries/" + deliveryId + "/dispatch", "");
    // The scanner may have dispatched it first; either way it is dispatched exactly once.
    assertThat(reply.statusCode()).isIn(200, 409);

    Awaiting.eventually(() -> Deliveries.status(service, orderId), "delivered"::equals, "the delivery by itself");
    assertThat(Deliveries.answers(service, orderId))
        .containsExactly("delivery.scheduled", "delivery.dispatched", "delivery.completed");
  }
}
