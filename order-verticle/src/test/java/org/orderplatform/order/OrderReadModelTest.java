package org.orderplatform.order;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Message;
import org.orderplatform.events.Money;
import org.orderplatform.events.PaymentEvent;
import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code orders} table is a projection of the log: rebuilt from position 0 it is the same
 * table. A harness of its own, so nothing else moves orders on while the two are compared.
 */
@DisplayName("the order read model")
class OrderReadModelTest {

  private static final String TABLE = "select string_agg(o::text, E'\\n' order by order_id) from orders.orders o";
  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(OrderModule.SCHEMA, OrderModule::new);
    service.append(envelope(new InventoryEvent.ProductAdded("TEA-1", "Tea", new Money(450, "EUR"), 10), UUID.randomUUID()));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("rebuilding the order read model from position 0 gives an identical table")
  void rebuildGivesTheSameTable() {
    UUID confirmed = place();
    UUID rejected = place();
    place();
    service.append(envelope(new InventoryEvent.StockReserved(confirmed, List.of(new StockLine("TEA-1", 1))), confirmed));
    service.append(envelope(new InventoryEvent.StockRejected(rejected, List.of(new RejectedLine("TEA-1", 1, 0))), rejected));
    UUID payment = UUID.fromString(Awaiting.eventually(() -> service.get("/orders/" + confirmed).bodyAsJsonObject(),
        o -> o.getString("paymentId") != null, "the payment request").getString("paymentId"));
    service.append(envelope(new PaymentEvent.PaymentAuthorized(confirmed, payment, new Money(450, "EUR"), "ch"), confirmed));
    Awaiting.eventually(() -> service.count("select count(*) from orders.orders where status in ('CONFIRMED', 'REJECTED')"),
        n -> n == 2, "the projection caught up");
    String before = service.row(TABLE).getString(0);

    var rebuilt = service.post("/admin/projections/" + OrderModule.VIEW_GROUP + "/rebuild", "{}",
        Map.of("Authorization", "Bearer " + ServiceHarness.ADMIN_TOKEN));
    assertThat(rebuilt.statusCode()).as(rebuilt.bodyAsString()).isBetween(200, 202);

    Awaiting.eventually(() -> service.count("select epoch from eventlog.subscriptions where group_name = $1",
        OrderModule.VIEW_GROUP), epoch -> epoch > 0, "the rebuild to begin");
    Awaiting.eventually(() -> service.row(TABLE).getString(0), before::equals, "the rebuilt table equal to the old one");
    assertThat(before).contains("CONFIRMED").contains("REJECTED").contains("PLACED");
  }

  private static UUID place() {
    var placed = service.post("/orders", new JsonObject().put("customerId", "c-1")
        .put("items", new JsonArray().add(new JsonObject().put("sku", "TEA-1").put("quantity", 1)))
        .put("shippingAddress", new JsonObject().put("line1", "1 Main St").put("postalCode", "75001")
            .put("city", "Paris").put("country", "FR")).encode());
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    return UUID.fromString(placed.bodyAsJsonObject().getString("orderId"));
  }

  private static Envelope<Message> envelope(Message event, UUID correlation) {
    return Envelope.of(event, UUID.randomUUID(), Instant.now(), correlation, null, null);
  }
}
