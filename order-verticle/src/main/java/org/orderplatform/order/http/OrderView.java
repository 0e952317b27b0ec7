package org.orderplatform.order.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.orderplatform.events.Address;
import org.orderplatform.events.Money;
import org.orderplatform.order.domain.OrderState;

/** An order as the HTTP API shows it. */
final class OrderView {

  private OrderView() {
  }

  static JsonObject toJson(OrderState state) {
    JsonArray lines = new JsonArray();
    state.lines().forEach(line -> lines.add(new JsonObject()
        .put("sku", line.sku()).put("quantity", line.quantity()).put("unitPrice", money(line.unitPrice()))));
    Address a = state.shippingAddress();
    return new JsonObject()
        .put("orderId", state.orderId().toString())
        .put("customerId", state.customerId())
        .put("status", state.status().name())
        .put("lines", lines)
        .put("total", money(state.total()))
        .put("shippingAddress", new JsonObject().put("line1", a.line1()).put("line2", a.line2())
            .put("postalCode", a.postalCode()).put("city", a.city()).put("country", a.country()))
        .put("reason", state.reason())
        .put("paymentId", state.paymentId() == null ? null : state.paymentId().toString())
        .put("paymentAttempts", state.paymentAttempts())
        .put("refunded", state.refunded())
        .put("deliveryId", state.deliveryId() == null ? null : state.deliveryId().toString())
        .put("version", state.version())
        .put("placedAt", state.placedAt().toString())
        .put("updatedAt", state.updatedAt().toString());
  }

  private static JsonObject money(Money money) {
    return new JsonObject().put("minor", money.minor()).put("currency", money.currency());
  }
}
