package org.orderplatform.launcher.saga;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Awaiting;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An order's whole life, placed to delivered, and a customer's cancellation before and after dispatch, with every service. */
@DisplayName("an order's whole life with every service")
class OrderLifeEndToEndTest {

  private SagaHarness platform;

  @AfterEach
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @DisplayName("with auto-progress an order reaches COMPLETED, its history in order, and the stock reads on hand minus shipped")
  void placedToCompleted() {
    platform = SagaHarness.start(Map.of("DELIVERY_AUTOPROGRESS", "200ms"));
    platform.product("LIFE-1", 20);

    UUID order = platform.place("LIFE-1", 3, null);
    platform.awaitStatus(order, "COMPLETED");

    assertThat(platform.history(order)).containsSubsequence("order.placed", "inventory.stock-reserved",
        "order.reserved", "order.payment-requested", "payment.authorized", "order.confirmed",
        "order.delivery-requested", "delivery.scheduled", "order.shipment-scheduled", "delivery.dispatched",
        "order.dispatched", "delivery.completed", "order.delivered", "order.completed");
    Awaiting.eventually(() -> platform.onHand("LIFE-1"), onHand -> onHand == 17, "the shipped stock gone from the shelf");
    assertThat(platform.reserved("LIFE-1")).isZero();
    assertThat(platform.history(order)).contains("inventory.stock-shipped");
  }

  @Test
  @DisplayName("a cancellation before dispatch releases the stock, refunds once, cancels the shipment and ends CANCELLED")
  void cancelBeforeDispatch() {
    platform = SagaHarness.start(Map.of());
    platform.product("LIFE-2", 20);
    UUID order = platform.place("LIFE-2", 4, null);
    platform.awaitStatus(order, "DELIVERY_SCHEDULED");

    var cancelled = platform.service.post("/orders/" + order + "/cancel", "{\"reason\":\"changed my mind\"}");
    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);

    platform.awaitStatus(order, "CANCELLED");
    Awaiting.eventually(() -> platform.refunds(order), n -> n == 1, "the refund in the provider's ledger");
    Awaiting.eventually(() -> platform.service.get("/deliveries?orderId=" + order).bodyAsJsonObject().getString("status"),
        "cancelled"::equals, "the shipment cancelled");
    assertThat(platform.charges(order)).isEqualTo(1);
    assertThat(platform.reserved("LIFE-2")).isZero();
    assertThat(platform.onHand("LIFE-2")).isEqualTo(20);
    assertThat(platform.history(order)).containsSubsequence("order.cancellation-requested",
        "order.stock-release-requested", "order.refund-requested", "order.delivery-cancellation-requested")
        .contains("inventory.stock-released", "payment.refunded", "delivery.cancelled", "order.refunded",
            "order.cancelled");
  }

  @Test
  @DisplayName("a cancellation after dispatch is a 409 problem and nothing changes")
  void cancelAfterDispatch() {
    platform = SagaHarness.start(Map.of());
    platform.product("LIFE-3", 20);
    UUID order = platform.place("LIFE-3", 2, null);
    String delivery = platform.awaitStatus(order, "DELIVERY_SCHEDULED").getString("deliveryId");
    assertThat(platform.service.post("/deliveries/" + delivery + "/dispatch", "{}").statusCode()).isEqualTo(200);
    platform.awaitStatus(order, "DISPATCHED");
    Awaiting.eventually(() -> platform.onHand("LIFE-3"), onHand -> onHand == 18, "the dispatch shipped from stock");
    long events = platform.service.count("select count(*) from eventlog.events where aggregate_id = $1", order.toString());

    var refused = platform.service.post("/orders/" + order + "/cancel", "{\"reason\":\"too late\"}");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/order-not-cancellable");
    assertThat(platform.service.count("select count(*) from eventlog.events where aggregate_id = $1", order.toString()))
        .isEqualTo(events);
    assertThat(platform.refunds(order)).isZero();
    assertThat(new JsonObject(platform.service.get("/orders/" + order).bodyAsString()).getString("status"))
        .isEqualTo("DISPATCHED");
  }
}
