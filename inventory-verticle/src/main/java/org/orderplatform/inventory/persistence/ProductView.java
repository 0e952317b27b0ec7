package org.orderplatform.inventory.persistence;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A product as the HTTP API shows it. */
public record ProductView(String sku, String name, long priceMinor, String currency, int onHand, int reserved) {

  static ProductView from(Row row) {
    return new ProductView(row.getString("sku"), row.getString("name"), row.getLong("price_minor"),
        row.getString("currency"), row.getInteger("on_hand"), row.getInteger("reserved"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("sku", sku)
        .put("name", name)
        .put("price", new JsonObject().put("minor", priceMinor).put("currency", currency))
        .put("onHand", onHand)
        .put("reserved", reserved)
        .put("available", onHand - reserved);
  }
}
