package org.orderplatform.launcher.saga;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Awaiting;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole order saga with the real inventory, payment and provider simulator: one JVM, real PostgreSQL, real HTTP. */
@DisplayName("the order saga with every service")
class SagaEndToEndTest {

  private static SagaHarness platform;

  @BeforeAll
  static void start() {
    platform = SagaHarness.start(Map.of());
    platform.product("TEA-1", 100);
    platform.product("RARE-1", 1);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @DisplayName("the happy path is CONFIRMED with one charge and its shipment scheduled, its history lists every event in order, and the customer is told")
  void happyPath() {
    UUID order = platform.place("TEA-1", 2, null);

    platform.awaitStatus(order, "DELIVERY_SCHEDULED");

    assertThat(platform.history(order)).containsExactly("order.placed", "inventory.stock-reserved", "order.reserved",
        "order.payment-requested", "payment.authorized", "order.confirmed", "order.delivery-requested",
        "delivery.scheduled", "order.shipment-scheduled");
    assertThat(platform.charges(order)).isEqualTo(1);
    assertThat(platform.service.count("select count(*) from orders.deadlines where order_id = $1::uuid",
        order.toString())).isZero();
    // A customer without preferences is told through the log.
    Awaiting.eventually(() -> platform.told(order, "log"),
        topics -> topics.equals(List.of("confirmed")), "the customer told of the confirmation");
  }

  @Test
  @DisplayName("out of stock ends REJECTED naming the line, and nothing is charged")
  void outOfStock() {
    UUID order = platform.place("RARE-1", 2, null);

    JsonObject rejected = platform.awaitStatus(order, "REJECTED");

    assertThat(rejected.getString("reason")).contains("RARE-1 (requested 2, available 1)");
    assertThat(platform.history(order)).doesNotContain("order.payment-requested");
    assertThat(platform.charges(order)).isZero();
    assertThat(platform.service.count("select count(*) from payment.payments where order_id = $1::uuid",
        order.toString())).isZero();
  }

  @Test
  @DisplayName("a declined payment releases exactly the reserved stock and ends CANCELLED with the reason")
  void declined() {
    long reservedBefore = platform.reserved("TEA-1");

    UUID order = platform.place("TEA-1", 3, "tok_decline");
    JsonObject cancelled = platform.awaitStatus(order, "CANCELLED");

    assertThat(cancelled.getString("reason")).startsWith("payment declined");
    assertThat(platform.history(order)).containsSubsequence("inventory.stock-reserved", "payment.declined",
        "order.stock-release-requested", "inventory.stock-released", "order.cancelled");
    assertThat(platform.service.count("select count(*) from eventlog.events where aggregate_id = $1 and "
        + "type = 'inventory.stock-released' and payload @> '{\"lines\":[{\"sku\":\"TEA-1\",\"quantity\":3}]}'",
        order.toString())).isEqualTo(1);
    assertThat(platform.reserved("TEA-1")).isEqualTo(reservedBefore);
    assertThat(platform.charges(order)).isZero();
  }
}
