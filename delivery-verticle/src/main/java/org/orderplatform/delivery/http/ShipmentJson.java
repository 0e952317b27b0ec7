package org.orderplatform.delivery.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.orderplatform.delivery.domain.Shipment;

import java.util.Objects;

/** A shipment as the HTTP API shows it. */
final class ShipmentJson {

  private ShipmentJson() {
  }

  static JsonObject of(Shipment shipment) {
    return new JsonObject()
        .put("deliveryId", shipment.deliveryId().toString())
        .put("orderId", shipment.orderId().toString())
        .put("customerId", shipment.customerId())
        .put("status", shipment.status().dbName())
        .put("carrier", shipment.carrier())
        .put("trackingNumber", shipment.trackingNumber())
        .put("address", new JsonObject().put("line1", shipment.address().line1())
            .put("line2", shipment.address().line2()).put("postalCode", shipment.address().postalCode())
            .put("city", shipment.address().city()).put("country", shipment.address().country()))
        .put("lines", new JsonArray(shipment.lines().stream()
            .map(line -> new JsonObject().put("sku", line.sku()).put("quantity", line.quantity())).toList()))
        .put("scheduledFor", shipment.scheduledFor().toString())
        .put("estimatedDelivery", shipment.estimatedDelivery().toString())
        .put("deliveredAt", shipment.deliveredAt() == null ? null : shipment.deliveredAt().toString())
        .put("reason", shipment.reason())
        .put("nextStepAt", Objects.toString(shipment.nextStepAt(), null));
  }
}
