package org.orderplatform.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Request bodies of the public API, as a client sends them. */
final class Bodies {

  private Bodies() {
  }

  static String product(String sku, int stock) {
    return new JsonObject().put("sku", sku).put("name", "Product " + sku)
        .put("price", new JsonObject().put("minor", 450).put("currency", "EUR"))
        .put("stock", stock).encode();
  }

  static String order(String customerId, String sku, int quantity) {
    return new JsonObject().put("customerId", customerId)
        .put("items", new JsonArray().add(new JsonObject().put("sku", sku).put("quantity", quantity)))
        .put("shippingAddress", new JsonObject().put("line1", "1 Main St").put("postalCode", "75001")
            .put("city", "Paris").put("country", "FR"))
        .encode();
  }
}
