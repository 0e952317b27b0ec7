package org.orderplatform.bench.orderflow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Random orders like the README's: a random customer, 1-3 lines over distinct random SKUs, 1-2 of each. */
final class OrderFactory {

  private static final List<JsonObject> ADDRESSES = List.of(
      address("1 Main St", "75001", "Paris", "FR"),
      address("2 High St", "SW1A 1AA", "London", "GB"),
      address("3 Hauptstrasse", "10115", "Berlin", "DE"));
  private static final int CUSTOMERS = 10_000;

  private final List<String> skus;

  OrderFactory(List<String> skus) {
    this.skus = List.copyOf(skus);
  }

  static List<String> skus(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "BENCH-%05d".formatted(i)).toList();
  }

  JsonObject next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int lines = Math.min(skus.size(), 1 + random.nextInt(3));
    JsonArray items = new JsonArray();
    random.ints(0, skus.size()).distinct().limit(lines).forEach(i -> items.add(
        new JsonObject().put("sku", skus.get(i)).put("quantity", 1 + random.nextInt(2))));
    return order("bench-c-" + random.nextInt(CUSTOMERS), items, ADDRESSES.get(random.nextInt(ADDRESSES.size())));
  }

  /** One unit of each SKU: an order that is accepted only once the order service knows them all. */
  static JsonObject probe(List<String> skus) {
    JsonArray items = new JsonArray();
    skus.forEach(sku -> items.add(new JsonObject().put("sku", sku).put("quantity", 1)));
    return order("bench-probe", items, ADDRESSES.get(0));
  }

  private static JsonObject order(String customerId, JsonArray items, JsonObject address) {
    return new JsonObject().put("customerId", customerId).put("items", items).put("shippingAddress", address.copy());
  }

  private static JsonObject address(String line1, String postalCode, String city, String country) {
    return new JsonObject().put("line1", line1).put("postalCode", postalCode).put("city", city).put("country", country);
  }
}
